using MarketBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MarketBlazor.Data.Trading;

/// <summary>
/// Loads, prices and writes one batch of orders on one market (DESIGN §4): every order priced on
/// the committed state as left by the orders before it in the batch, refused when the price is
/// worse for the trader than its own limit, the fills written with one statement gated by the
/// market's and the accounts' xmin (<see cref="FillWrite"/>), and committed within the batch's deadline.
/// </summary>
/// <remarks>
/// Round trips of a lone order: one read (market, account and position joined), BEGIN with the
/// write statement, COMMIT. The rows are read without tracking and the write is a single SQL
/// statement, not SaveChanges: the change tracker's per-entity work was most of the CPU per order.
/// Accounts keep their xmin check: another market's lane (or process) may write the same account at
/// the same time, and a balance priced on a stale read must not overwrite its debit; the conflict
/// retries the batch, exactly as a conflict on the market does.
/// </remarks>
internal sealed class BatchWriter(IDbContextFactory<MarketDbContext> contexts, TimeProvider clock)
{
    /// <returns>
    /// The batch's answers and its new fills in commit order, or null when another writer
    /// committed first and the batch must be priced again.
    /// </returns>
    /// <exception cref="OrderAlreadyFilledException">An order of the batch repeats an id that has a trade.</exception>
    /// <exception cref="CommitInterruptedException">The database failed while writing: see its transaction id.</exception>
    public async Task<WrittenBatch?> TryWriteAsync(List<PendingOrder> batch, CancellationToken deadline)
    {
        var marketId = batch[0].Order.MarketId;
        await using var db = await contexts.CreateDbContextAsync(deadline);
        // One connection for the read and the write: no pool round between them.
        await db.Database.OpenConnectionAsync(deadline);
        var rows = await BatchRows.LoadAsync(db, batch, deadline);
        var market = rows.Market;
        var results = new OrderResult?[batch.Count];
        var fills = new List<(int Index, Trade Trade, MarketSnapshot Market, decimal Balance)>();
        var traders = new Dictionary<int, (Account Account, Position Position)>();
        var idsInBatch = new HashSet<Guid>();
        var now = clock.GetUtcNow();

        for (var i = 0; i < batch.Count; i++)
        {
            var order = batch[i].Order;
            // The same id twice in one batch: settled one by one, so the second finds the first's trade.
            if (!idsInBatch.Add(order.OrderId)) throw new OrderAlreadyFilledException();
            if (market is null)
            {
                results[i] = TradeAnswers.NotFound($"Market {marketId} does not exist.");
                continue;
            }
            if (!market.AcceptsOrdersAt(now))
            {
                results[i] = MarketQuotes.Closed(market.Question);
                continue;
            }
            if (!rows.Accounts.TryGetValue(order.AccountId, out var account))
            {
                results[i] = TradeAnswers.NotFound($"Account {order.AccountId} does not exist.");
                continue;
            }

            var fill = Pricing.Quote(MarketState.Of(market), order.Side, order.Action, batch[i].Amount);
            if (!PriceLimit.Accepts(fill, order.QuotedPrice, order.Slippage))
            {
                results[i] = TradeAnswers.Stale(order, fill);
                continue;
            }
            if (fill.Shares <= 0)
            {
                results[i] = TradeAnswers.TooSmall();
                continue;
            }
            if (Refusal(fill, account, rows.Positions.GetValueOrDefault(order.AccountId)) is { } refusal)
            {
                results[i] = refusal;
                continue;
            }

            var position = rows.PositionOf(order.AccountId);
            var trade = Ledger.Record(fill, market, account, position);
            trade.ExecutedAt = now;
            trade.OrderId = order.OrderId;
            trade.OrderFingerprint = batch[i].Fingerprint;
            traders[account.Id] = (account, position);
            fills.Add((i, trade, MarketSnapshot.From(market), account.Balance));
        }

        await AnswerRefusedRetriesAsync(db, batch, results, deadline);
        if (fills.Count == 0) return new WrittenBatch(results!, []);

        // Our own transaction: Npgsql sends BEGIN with the statement, and COMMIT is a round trip of its own.
        await using var transaction = await db.Database.BeginTransactionAsync(deadline);
        uint transactionId;
        try
        {
            var written = await FillWrite.TryWriteAsync(db, market!, traders.Values.Select(t => t.Account).ToList(),
                traders.Values.Select(t => t.Position).ToList(), fills.Select(f => f.Trade).ToList(), now, deadline);
            // Another writer changed the market or an account since the read: nothing may be committed (the transaction rolls back).
            if (written is null) return null;
            transactionId = written.Value;
        }
        catch (PostgresException unique) when (unique.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // A repeated order id filled already: answer with that fill, never a second one.
            if (unique.ConstraintName?.Contains("order_id") == true) throw new OrderAlreadyFilledException();
            // Another process wrote a row this batch also wrote.
            return null;
        }
        catch (Exception e) when (DatabaseFailures.IsUnavailable(e))
        {
            throw new CommitInterruptedException(e, AsIfCommitted(results, fills), transactionId: null);
        }

        var answers = AsIfCommitted(results, fills);
        try
        {
            // Bounded by the batch's deadline: a commit never outlives its orders; if cut off, its outcome is settled by transaction id.
            await transaction.CommitAsync(deadline);
        }
        catch (Exception e) when (DatabaseFailures.IsUnavailable(e))
        {
            throw new CommitInterruptedException(e, answers, transactionId);
        }
        return new WrittenBatch(answers, fills.Select(f => (OrderFilled)answers[f.Index]).ToList());
    }

    /// <summary>Every answer of the batch once its write committed (fills need the trade ids the write read back).</summary>
    private static OrderResult[] AsIfCommitted(OrderResult?[] results, List<(int Index, Trade Trade, MarketSnapshot Market, decimal Balance)> fills)
    {
        var answers = (OrderResult?[])results.Clone();
        foreach (var (index, trade, snapshot, balance) in fills)
            answers[index] = new OrderFilled(TradeView.From(trade), snapshot, balance);
        return answers!;
    }

    /// <summary>
    /// A retry of an order that filled is usually refused on its merits (its own fill moved the price
    /// past its quote), yet it must get its first fill back. So refusals of orders whose id the caller
    /// chose look for a trade under that id: a query only on that rare path. A retry that would fill
    /// again is caught by the unique order id at commit instead.
    /// </summary>
    private static async Task AnswerRefusedRetriesAsync(MarketDbContext db, List<PendingOrder> batch, OrderResult?[] results, CancellationToken cancellationToken)
    {
        var refused = Enumerable.Range(0, batch.Count).Where(i => results[i] is OrderRejected && batch[i].CallerNamedId).ToList();
        if (refused.Count == 0) return;
        var ids = refused.Select(i => batch[i].Order.OrderId).ToList();
        var earlier = await db.Trades.AsNoTracking().Where(t => ids.Contains(t.OrderId)).ToDictionaryAsync(t => t.OrderId, cancellationToken);
        foreach (var i in refused)
            if (earlier.TryGetValue(batch[i].Order.OrderId, out var trade)) results[i] = await FilledOrderLookup.AnswerAsync(db, batch[i], trade, cancellationToken);
    }

    /// <summary>Why the account cannot make this fill, or null when it can.</summary>
    private static OrderRejected? Refusal(Quote fill, Account account, Position? position)
    {
        if (fill.Action == TradeAction.Buy && account.Balance < fill.Cash)
            return new OrderRejected(RejectReason.InsufficientFunds,
                $"Insufficient funds: this order costs {fill.Cash:N2} and the balance is {account.Balance:N2}.");
        var held = position?.SharesOf(fill.Side) ?? 0;
        if (fill.Action == TradeAction.Sell && held < fill.Shares)
            return new OrderRejected(RejectReason.InsufficientShares,
                $"Insufficient shares: selling {fill.Shares:N2} {SideName(fill.Side)} but holding {held:N2}.");
        return null;
    }

    private static string SideName(Side side) => side == Side.Yes ? "Yes" : "No";
}
