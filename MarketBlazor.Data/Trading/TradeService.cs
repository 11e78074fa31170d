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
    private readonly MarketQueue queue = new();

    /// <summary>
    /// Market, account and position in one round trip (tracked, with their xmin), compiled once:
    /// the order path's reads cost one query instead of three.
    /// </summary>
    private static readonly Func<MarketDbContext, int, int, Task<OrderRows?>> LoadOrderRows = EF.CompileAsyncQuery(
        (MarketDbContext db, int marketId, int accountId) => db.Markets
            .Where(m => m.Id == marketId)
            .Select(m => new OrderRows(
                m,
                db.Accounts.FirstOrDefault(a => a.Id == accountId),
                db.Positions.FirstOrDefault(p => p.AccountId == accountId && p.MarketId == marketId)))
            .FirstOrDefault());

    public async Task<QuoteResult> QuoteAsync(int marketId, Side side, TradeAction action, double amount, CancellationToken cancellationToken = default)
    {
        var (value, error) = validator.ValidateAmount(side, action, amount);
        if (error is not null) return QuoteResult.Rejected(RejectReason.Invalid, error);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var market = await db.Markets.AsNoTracking().FirstOrDefaultAsync(m => m.Id == marketId, cancellationToken);
        if (market is null) return QuoteResult.Rejected(RejectReason.NotFound, $"Market {marketId} does not exist.");
        if (!market.AcceptsOrdersAt(clock.GetUtcNow()))
            return QuoteResult.Rejected(RejectReason.MarketClosed, $"Market '{market.Question}' is closed for trading.");
        return QuoteResult.Of(Pricing.Quote(MarketState.Of(market), side, action, value));
    }

    public async Task<OrderResult> PlaceOrderAsync(OrderRequest order, CancellationToken cancellationToken = default)
    {
        var (amount, error) = validator.Validate(order);
        if (error is not null) return new OrderRejected(RejectReason.Invalid, error);
        if (order.OrderId == Guid.Empty) order = order with { OrderId = Guid.CreateVersion7() };

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.OrderTimeout);
        try
        {
            using var lease = await queue.EnterAsync(order.MarketId, options.MarketQueueTimeout, deadline.Token);
            if (lease is null) return Busy("Too many orders are queued on this market; try again in a moment.");

            for (var attempt = 1; attempt <= options.MaxAttempts; attempt++)
            {
                var outcome = await TryFillAsync(order, amount, deadline.Token);
                if (outcome is not null) return outcome;
                logger.LogDebug("Order on market {MarketId} lost a concurrency race (attempt {Attempt})", order.MarketId, attempt);
            }
            return Busy("The market is changing too fast to fill this order; try again.");
        }
        catch (OrderAlreadyFilledException)
        {
            return await ConfirmAsync(order, deadline.Token, cancellationToken);
        }
        catch (CommitInterruptedException interrupted)
        {
            logger.LogWarning(interrupted.InnerException, "Commit of order {OrderId} was interrupted; confirming its outcome", order.OrderId);
            return await ConfirmAsync(order, deadline.Token, cancellationToken);
        }
        catch (Exception e) when (IsUnavailable(e, cancellationToken))
        {
            logger.LogWarning("Order on market {MarketId} failed: database unavailable ({Message})", order.MarketId, e.Message);
            return new OrderRejected(RejectReason.Unavailable, UnavailableMessage);
        }
    }

    /// <returns>The result, or null when another writer committed first and the order should be priced again.</returns>
    private async Task<OrderResult?> TryFillAsync(OrderRequest order, decimal amount, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await LoadOrderRows(db, order.MarketId, order.AccountId);
        if (rows?.Market is not { } market) return NotFound($"Market {order.MarketId} does not exist.");
        var now = clock.GetUtcNow();
        if (!market.AcceptsOrdersAt(now))
            return new OrderRejected(RejectReason.MarketClosed, $"Market '{market.Question}' is closed for trading.");
        if (rows.Account is not { } account) return NotFound($"Account {order.AccountId} does not exist.");

        var fill = Pricing.Quote(MarketState.Of(market), order.Side, order.Action, amount);
        if (Math.Abs(fill.AveragePrice - (decimal)order.QuotedPrice) > (decimal)order.Slippage)
            return new OrderRejected(RejectReason.StaleQuote, StaleMessage(order, fill), fill);
        if (fill.Shares <= 0)
            return new OrderRejected(RejectReason.Invalid, "amount is too small to buy any shares.");

        var position = rows.Position;
        if (position is null)
        {
            position = new Position { AccountId = order.AccountId, MarketId = order.MarketId };
            db.Positions.Add(position);
        }

        if (Refusal(fill, account, position) is { } refusal) return refusal;
        var trade = Ledger.Record(fill, market, account, position);
        trade.ExecutedAt = now;
        trade.OrderId = order.OrderId;
        db.Trades.Add(trade);

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
            // Two first orders of one account on one market both inserted its position.
            return null;
        }
        catch (Exception e) when (IsUnavailable(e, CancellationToken.None))
        {
            throw new CommitInterruptedException(e);
        }

        var snapshot = MarketSnapshot.From(market);
        var committed = TradeView.From(trade);
        Publish(snapshot, committed);
        return new OrderFilled(committed, snapshot, account.Balance);
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
    /// unique), retrying until the order's deadline: either it filled, or nothing was written.
    /// </summary>
    private async Task<OrderResult> ConfirmAsync(OrderRequest order, CancellationToken deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(deadline);
                var trade = await db.Trades.AsNoTracking().FirstOrDefaultAsync(t => t.OrderId == order.OrderId, deadline);
                if (trade is null) return new OrderRejected(RejectReason.Unavailable, UnavailableMessage);
                var market = await db.Markets.AsNoTracking().FirstAsync(m => m.Id == trade.MarketId, deadline);
                var balance = await db.Accounts.Where(a => a.Id == trade.AccountId).Select(a => a.Balance).FirstAsync(deadline);
                // The board hears of this fill from the reconciler, which reads the same committed rows.
                return new OrderFilled(TradeView.From(trade), MarketSnapshot.From(market), balance);
            }
            catch (Exception e) when (IsUnavailable(e, cancellationToken))
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
        PostgresException postgres => postgres.IsTransient || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal),
        NpgsqlException or TimeoutException or System.Net.Sockets.SocketException or IOException => true,
        DbUpdateException { InnerException: { } inner } => IsUnavailable(inner, callerToken),
        InvalidOperationException { InnerException: { } inner } => IsUnavailable(inner, callerToken),
        _ => false,
    };

    private const string UnavailableMessage = "Trading is temporarily unavailable; nothing was written. Please try again shortly.";

    private static string StaleMessage(OrderRequest order, Quote fresh) =>
        $"The price moved: you were quoted {order.QuotedPrice:0.####} and it would now fill at {fresh.AveragePrice:0.####}, " +
        $"beyond your {order.Slippage:0.####} tolerance. Review the new quote.";

    private static string SideName(Side side) => side == Side.Yes ? "Yes" : "No";
    private static OrderRejected NotFound(string message) => new(RejectReason.NotFound, message);
    private static OrderRejected Busy(string message) => new(RejectReason.Busy, message);
}
