using System.Collections.Concurrent;
using MarketBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MarketBlazor.Data.Trading;

/// <summary>
/// The trade path (DESIGN §4): validate, price against the committed state, refuse a fill the
/// user did not accept, write with an xmin check, retry on conflict, publish after commit.
/// </summary>
public sealed class TradeService(
    IDbContextFactory<MarketDbContext> contexts,
    IEnumerable<IMarketChangeSink> sinks,
    IOptions<TradingOptions> options,
    TimeProvider clock,
    ILogger<TradeService> logger)
{
    private readonly TradingOptions options = options.Value;
    private readonly OrderValidator validator = new(options.Value);
    private readonly ConcurrentDictionary<int, MarketLane> lanes = new();


    /// <summary>
    /// Runs <paramref name="work"/> holding the market's gate, as a batch of orders would: no order of
    /// this process interleaves with it (other processes are kept out by the market row's xmin).
    /// Orders that queue meanwhile are filled after it, against whatever it committed.
    /// </summary>
    public async Task<T> WithMarketLockedAsync<T>(int marketId, Func<Task<T>> work, CancellationToken cancellationToken = default)
    {
        var lane = lanes.GetOrAdd(marketId, static _ => new MarketLane());
        await lane.EnterAsync(Timeout.InfiniteTimeSpan, cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            lane.Leave();
        }
    }

    public async Task<QuoteResult> QuoteAsync(int marketId, Side side, TradeAction action, double amount, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var market = await db.Markets.AsNoTracking().FirstOrDefaultAsync(m => m.Id == marketId, cancellationToken);
        return MarketQuotes.Quote(validator, marketId, market is null ? null : MarketSnapshot.From(market), side, action, amount, clock.GetUtcNow());
    }

    public async Task<OrderResult> PlaceOrderAsync(OrderRequest order, CancellationToken cancellationToken = default)
    {
        var (amount, error) = validator.Validate(order);
        if (error is not null) return new OrderRejected(RejectReason.Invalid, error);
        var callerNamedId = order.OrderId != Guid.Empty;
        if (!callerNamedId) order = order with { OrderId = Guid.CreateVersion7() };

        var pending = new PendingOrder(order, amount, clock.GetUtcNow() + options.OrderTimeout, callerNamedId);
        var lane = lanes.GetOrAdd(order.MarketId, static _ => new MarketLane());
        lane.Enqueue(pending);
        bool entered;
        try
        {
            entered = await lane.EnterAsync(options.MarketQueueTimeout, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            entered = false;
        }
        if (!entered)
        {
            if (pending.TryWithdraw()) return Busy("Too many orders are queued on this market; try again in a moment.");
            // A batch leader took this order while it waited and always settles it.
            return await pending.Result.Task;
        }

        try
        {
            // The batch carries other callers' orders: only the clock may cut it short, not this caller going away.
            using var batchDeadline = new CancellationTokenSource(Max(pending.ExpiresAt - clock.GetUtcNow(), TimeSpan.FromMilliseconds(1)));
            if (pending.TryClaim()) await FillAsync(lane.TakeBatch(pending), batchDeadline.Token);
        }
        finally
        {
            lane.Leave();
        }
        return await pending.Result.Task;
    }

    /// <summary>Settles every order of a batch: filled, refused, or (after retries) busy or unavailable.</summary>
    private async Task FillAsync(List<PendingOrder> batch, CancellationToken deadline)
    {
        var confirming = new HashSet<PendingOrder>();
        try
        {
            for (var attempt = 1; attempt <= options.MaxAttempts; attempt++)
            {
                var results = await TryFillAsync(batch, deadline);
                if (results is not null)
                {
                    for (var i = 0; i < batch.Count; i++) batch[i].Result.TrySetResult(results[i]);
                    return;
                }
                logger.LogDebug("A batch of {Count} order(s) on market {MarketId} lost a concurrency race (attempt {Attempt})",
                    batch.Count, batch[0].Order.MarketId, attempt);
            }
            foreach (var pending in batch) pending.Result.TrySetResult(Busy("The market is changing too fast to fill this order; try again."));
        }
        catch (OrderAlreadyFilledException) when (batch.Count > 1)
        {
            // One of them repeats an order id that already filled; settle them one by one to find it.
            foreach (var pending in batch) await FillAsync([pending], deadline);
        }
        catch (OrderAlreadyFilledException)
        {
            batch[0].Result.TrySetResult(await ConfirmAsync(batch[0]));
        }
        catch (CommitInterruptedException interrupted)
        {
            logger.LogWarning(interrupted.InnerException, "Commit of {Count} order(s) was interrupted; confirming their outcome", batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                if (interrupted.Refused[i] is { } refused)
                {
                    batch[i].Result.TrySetResult(refused);
                    continue;
                }
                // Confirmed outside the market's gate: orders queued behind must not wait out a database restart.
                confirming.Add(batch[i]);
                _ = SettleByConfirmationAsync(batch[i]);
            }
        }
        catch (Exception e) when (IsUnavailable(e, CancellationToken.None))
        {
            logger.LogWarning("{Count} order(s) on market {MarketId} failed: database unavailable ({Message})", batch.Count, batch[0].Order.MarketId, e.Message);
            foreach (var pending in batch) pending.Result.TrySetResult(Unavailable());
        }
        finally
        {
            // Never leave a caller waiting, whatever went wrong above.
            foreach (var pending in batch.Where(p => !confirming.Contains(p))) pending.Result.TrySetResult(Unavailable());
        }
    }

    private async Task SettleByConfirmationAsync(PendingOrder pending)
    {
        try
        {
            pending.Result.TrySetResult(await ConfirmAsync(pending));
        }
        finally
        {
            pending.Result.TrySetResult(Unavailable());
        }
    }

    /// <returns>One result per order, or null when another writer committed first and the batch must be priced again.</returns>
    private async Task<OrderResult[]?> TryFillAsync(List<PendingOrder> batch, CancellationToken cancellationToken)
    {
        var marketId = batch[0].Order.MarketId;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (market, accounts, positions) = await LoadAsync(db, batch, cancellationToken);
        var results = new OrderResult?[batch.Count];
        var fills = new List<(int Index, Trade Trade, MarketSnapshot Market, decimal Balance)>();
        var idsInBatch = new HashSet<Guid>();
        var now = clock.GetUtcNow();

        for (var i = 0; i < batch.Count; i++)
        {
            var order = batch[i].Order;
            // The same id twice in one batch: settled one by one, so the second finds the first's trade.
            if (!idsInBatch.Add(order.OrderId)) throw new OrderAlreadyFilledException();
            if (market is null)
            {
                results[i] = NotFound($"Market {marketId} does not exist.");
                continue;
            }
            if (!market.AcceptsOrdersAt(now))
            {
                results[i] = MarketQuotes.Closed(market.Question);
                continue;
            }
            if (!accounts.TryGetValue(order.AccountId, out var account))
            {
                results[i] = NotFound($"Account {order.AccountId} does not exist.");
                continue;
            }

            // Priced against the state left by the orders before it in the batch, exactly as if they had committed one by one.
            var fill = Pricing.Quote(MarketState.Of(market), order.Side, order.Action, batch[i].Amount);
            if (Math.Abs(fill.AveragePrice - (decimal)order.QuotedPrice) > (decimal)order.Slippage)
            {
                results[i] = new OrderRejected(RejectReason.StaleQuote, StaleMessage(order, fill), fill);
                continue;
            }
            if (fill.Shares <= 0)
            {
                results[i] = new OrderRejected(RejectReason.Invalid, "amount is too small to buy any shares.");
                continue;
            }
            var position = positions.GetValueOrDefault(order.AccountId) ?? new Position { AccountId = order.AccountId, MarketId = marketId };
            if (Refusal(fill, account, position) is { } refusal)
            {
                results[i] = refusal;
                continue;
            }
            if (!positions.ContainsKey(order.AccountId))
            {
                positions[order.AccountId] = position;
                db.Positions.Add(position);
            }

            var trade = Ledger.Record(fill, market, account, position);
            trade.ExecutedAt = now;
            trade.OrderId = order.OrderId;
            trade.OrderFingerprint = batch[i].Fingerprint;
            db.Trades.Add(trade);
            fills.Add((i, trade, MarketSnapshot.From(market), account.Balance));
        }

        await AnswerRefusedRetriesAsync(db, batch, results, cancellationToken);

        if (fills.Count > 0)
        {
            try
            {
                // Never cancelled half-way: a commit cut off by our own deadline would leave its outcome unknown.
                await db.SaveChangesAsync(CancellationToken.None);
            }
            catch (DbUpdateConcurrencyException)
            {
                return null;
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
            {
                // A repeated order id filled already: answer with that fill, never a second one.
                if (unique.ConstraintName?.Contains("order_id") == true) throw new OrderAlreadyFilledException();
                // Another process inserted a position this batch also inserted.
                return null;
            }
            catch (Exception e) when (IsUnavailable(e, CancellationToken.None))
            {
                throw new CommitInterruptedException(e, results.Select(r => r as OrderRejected).ToList());
            }
        }

        foreach (var (index, trade, snapshot, balance) in fills)
        {
            var committed = TradeView.From(trade);
            Publish(snapshot, committed);
            results[index] = new OrderFilled(committed, snapshot, balance);
        }
        return results!;
    }

    /// <summary>The rows a batch reads and writes, tracked with their xmin: the market, its traders' accounts and their positions in it.</summary>
    private static async Task<(Market? Market, Dictionary<int, Account> Accounts, Dictionary<int, Position> Positions)> LoadAsync(
        MarketDbContext db, List<PendingOrder> batch, CancellationToken cancellationToken)
    {
        var marketId = batch[0].Order.MarketId;
        var market = await db.Markets.FirstOrDefaultAsync(m => m.Id == marketId, cancellationToken);
        if (batch.Count == 1)
        {
            // A lone order (the common case on a spread of markets) keeps its queries to plain key lookups.
            var accountId = batch[0].Order.AccountId;
            var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
            var position = await db.Positions.FirstOrDefaultAsync(p => p.AccountId == accountId && p.MarketId == marketId, cancellationToken);
            return (market, account is null ? [] : new() { [accountId] = account }, position is null ? [] : new() { [accountId] = position });
        }
        var accountIds = batch.Select(p => p.Order.AccountId).Distinct().ToList();
        var accounts = await db.Accounts.Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        var positions = await db.Positions.Where(p => p.MarketId == marketId && accountIds.Contains(p.AccountId))
            .ToDictionaryAsync(p => p.AccountId, cancellationToken);
        return (market, accounts, positions);
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
            if (earlier.TryGetValue(batch[i].Order.OrderId, out var trade)) results[i] = await RepeatedAsync(db, batch[i], trade, cancellationToken);
    }

    /// <summary>An order id that already has its trade: the same order gets that fill back, a different one is refused.</summary>
    private static async Task<OrderResult> RepeatedAsync(MarketDbContext db, PendingOrder pending, Trade earlier, CancellationToken cancellationToken)
    {
        if (earlier.OrderFingerprint != pending.Fingerprint) return OrderIdReused(pending.Order);
        var market = await db.Markets.AsNoTracking().FirstAsync(m => m.Id == earlier.MarketId, cancellationToken);
        var balance = await db.Accounts.Where(a => a.Id == earlier.AccountId).Select(a => a.Balance).FirstAsync(cancellationToken);
        return new OrderFilled(TradeView.From(earlier), MarketSnapshot.From(market), balance);
    }

    /// <summary>Why the account cannot make this fill, or null when it can.</summary>
    private static OrderRejected? Refusal(Quote fill, Account account, Position position)
    {
        if (fill.Action == TradeAction.Buy && account.Balance < fill.Cash)
            return new OrderRejected(RejectReason.InsufficientFunds,
                $"Insufficient funds: this order costs {fill.Cash:N2} and the balance is {account.Balance:N2}.");
        if (fill.Action == TradeAction.Sell && position.SharesOf(fill.Side) < fill.Shares)
            return new OrderRejected(RejectReason.InsufficientShares,
                $"Insufficient shares: selling {fill.Shares:N2} {SideName(fill.Side)} but holding {position.SharesOf(fill.Side):N2}.");
        return null;
    }

    private void Publish(MarketSnapshot snapshot, TradeView trade)
    {
        foreach (var sink in sinks)
        {
            try
            {
                sink.Committed(snapshot, trade);
            }
            catch (Exception e)
            {
                // The trade is committed: a failing subscriber must not turn it into an error for the trader.
                logger.LogError(e, "Live sink {Sink} failed for market {MarketId} at {Sequence}", sink.GetType().Name, snapshot.Id, snapshot.Sequence);
            }
        }
    }

    /// <summary>
    /// After a commit was cut off, asks the database whether the order's trade exists (order_id is
    /// unique), retrying until the order's deadline: either it filled, or nothing was written. A trade
    /// under this id with other terms (its fingerprint differs) means the id was reused, not retried.
    /// </summary>
    private async Task<OrderResult> ConfirmAsync(PendingOrder pending)
    {
        var order = pending.Order;
        using var expiry = new CancellationTokenSource(Max(pending.ExpiresAt - clock.GetUtcNow(), TimeSpan.FromMilliseconds(1)));
        var deadline = expiry.Token;
        while (true)
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(deadline);
                var trade = await db.Trades.AsNoTracking().FirstOrDefaultAsync(t => t.OrderId == order.OrderId, deadline);
                if (trade is null) return Unavailable();
                if (trade.OrderFingerprint != pending.Fingerprint) return OrderIdReused(order);
                var market = await db.Markets.AsNoTracking().FirstAsync(m => m.Id == trade.MarketId, deadline);
                var balance = await db.Accounts.Where(a => a.Id == trade.AccountId).Select(a => a.Balance).FirstAsync(deadline);
                // The board hears of this fill from the reconciler, which reads the same committed rows.
                return new OrderFilled(TradeView.From(trade), MarketSnapshot.From(market), balance);
            }
            catch (Exception e) when (IsUnavailable(e, CancellationToken.None))
            {
                if (deadline.IsCancellationRequested)
                    return new OrderRejected(RejectReason.Unconfirmed,
                        $"Trading is temporarily unavailable and order {order.OrderId} could not be confirmed; it will appear in your trade history if it filled.");
                await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
            }
        }
    }

    /// <summary>A failure of the connection or the deadline, not of the caller's own cancellation or of a bug.</summary>
    private static bool IsUnavailable(Exception e, CancellationToken callerToken) => e switch
    {
        OperationCanceledException => !callerToken.IsCancellationRequested,
        DbUpdateException { InnerException: { } inner } => IsUnavailable(inner, callerToken),
        InvalidOperationException { InnerException: { } inner } => IsUnavailable(inner, callerToken),
        _ => DatabaseFailures.IsUnavailable(e),
    };

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static OrderRejected Unavailable() => new(RejectReason.Unavailable, UnavailableMessage);

    private const string UnavailableMessage = "Trading is temporarily unavailable; nothing was written. Please try again shortly.";

    private static string StaleMessage(OrderRequest order, Quote fresh) =>
        $"The price moved: you were quoted {order.QuotedPrice:0.####} and it would now fill at {fresh.AveragePrice:0.####}, " +
        $"beyond your {order.Slippage:0.####} tolerance. Review the new quote.";

    private static string SideName(Side side) => side == Side.Yes ? "Yes" : "No";
    private static OrderRejected OrderIdReused(OrderRequest order) =>
        new(RejectReason.OrderIdReused, $"Order id {order.OrderId} was already used for a different order; nothing was written. Use a new id for a new order.");

    private static OrderRejected NotFound(string message) => new(RejectReason.NotFound, message);
    private static OrderRejected Busy(string message) => new(RejectReason.Busy, message);
}
