using System.Diagnostics;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MarketBlazor.Data.Trading;

/// <summary>
/// The trade path (DESIGN §4): validate, queue in the market's lane, let the lane's leader write
/// the batch (<see cref="BatchWriter"/>), retry on conflict, settle an interrupted commit
/// (<see cref="CommitSettlement"/>), publish after commit.
/// </summary>
public sealed class TradeService(
    IDbContextFactory<MarketDbContext> contexts,
    IEnumerable<IMarketChangeSink> sinks,
    IOptions<TradingOptions> options,
    TimeProvider clock,
    ILogger<TradeService> logger,
    MarketTelemetry? telemetry = null)
{
    private readonly MarketTelemetry telemetry = telemetry ?? MarketTelemetry.Detached;
    private readonly TradingOptions options = options.Value;
    private readonly OrderValidator validator = new(options.Value);
    private readonly MarketLanes lanes = new();
    private readonly BatchWriter writer = new(contexts, clock);
    private readonly CommitSettlement settlement = new(contexts, clock, logger);

    /// <summary>
    /// Runs <paramref name="work"/> holding the market's gate, as a batch of orders would: no order of
    /// this process interleaves with it (other processes are kept out by the market row's xmin).
    /// Orders that queue meanwhile are filled after it, against whatever it committed.
    /// </summary>
    public async Task<T> WithMarketLockedAsync<T>(int marketId, Func<Task<T>> work, CancellationToken cancellationToken = default)
    {
        var lane = lanes.For(marketId);
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
        var startedAt = Stopwatch.GetTimestamp();
        // A child of the HTTP request's or circuit event's span, or a trace of its own.
        using var span = MarketTelemetry.Traces.StartActivity("order");
        var result = await PlaceAsync(order, cancellationToken);
        telemetry.OrderAnswered(result, startedAt, span);
        return result;
    }

    private async Task<OrderResult> PlaceAsync(OrderRequest order, CancellationToken cancellationToken)
    {
        var (amount, error) = validator.Validate(order);
        if (error is not null) return new OrderRejected(RejectReason.Invalid, error);
        var callerNamedId = order.OrderId != Guid.Empty;
        if (!callerNamedId) order = order with { OrderId = Guid.CreateVersion7() };
        using var identity = OrderIdentity.Begin(logger, order);

        var pending = new PendingOrder(order, amount, clock.GetUtcNow() + options.OrderTimeout, callerNamedId);
        var lane = lanes.For(order.MarketId);
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
            if (pending.TryWithdraw())
                // One batch holding the gate for most of the wait is a database stall, not a crowd.
                return lane.HeldFor >= options.MarketQueueTimeout / 2 ? TradeAnswers.StalledBehindDatabase() : TradeAnswers.QueueTooLong();
            // A batch leader took this order while it waited and always settles it.
            return await pending.Result.Task;
        }

        try
        {
            // The batch carries other callers' orders: only the clock may cut it short, not this caller going away.
            using var batchDeadline = new CancellationTokenSource(Max(pending.ExpiresAt - clock.GetUtcNow(), TimeSpan.FromMilliseconds(1)));
            if (pending.TryClaim()) await FillAsync(telemetry.Dequeued(lane.TakeBatch(pending)), batchDeadline.Token);
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
        var settling = new HashSet<PendingOrder>();
        try
        {
            for (var attempt = 1; attempt <= options.MaxAttempts; attempt++)
            {
                if (await telemetry.WriteBatchAsync(batch, () => writer.TryWriteAsync(batch, deadline)) is { } written)
                {
                    foreach (var fill in written.NewFills) Publish(fill);
                    for (var i = 0; i < batch.Count; i++) batch[i].Result.TrySetResult(written.Results[i]);
                    return;
                }
                logger.LogDebug("A batch of {Count} order(s) on market {MarketId} lost a concurrency race (attempt {Attempt})",
                    batch.Count, batch[0].Order.MarketId, attempt);
            }
            foreach (var pending in batch) pending.Result.TrySetResult(TradeAnswers.ChangingTooFast());
        }
        catch (OrderAlreadyFilledException) when (batch.Count > 1)
        {
            // One of them repeats an order id that already filled; settle them one by one to find it.
            foreach (var pending in batch) await FillAsync([pending], deadline);
        }
        catch (OrderAlreadyFilledException)
        {
            batch[0].Result.TrySetResult(await AnswerFilledAsync(batch[0], deadline));
        }
        catch (CommitInterruptedException interrupted)
        {
            logger.LogWarning(interrupted.InnerException, "Commit of {Count} order(s) was interrupted; settling their outcome", batch.Count);
            var dependent = new List<(int, PendingOrder)>();
            for (var i = 0; i < batch.Count; i++)
            {
                if (interrupted.Answers[i] is OrderRejected refused) batch[i].Result.TrySetResult(refused);
                else dependent.Add((i, batch[i]));
            }
            settling.UnionWith(dependent.Select(d => d.Item2));
            // Settled outside the market's gate: orders queued behind must not wait out a database restart.
            // The board hears of a fill settled this way from the reconciler, which reads the same committed rows.
            _ = settlement.SettleAsync(interrupted, dependent);
        }
        catch (Exception e) when (DatabaseFailures.IsUnavailable(e))
        {
            logger.LogWarning("{Count} order(s) on market {MarketId} failed: database unavailable ({Message})", batch.Count, batch[0].Order.MarketId, e.Message);
            foreach (var pending in batch) pending.Result.TrySetResult(TradeAnswers.Unavailable());
        }
        finally
        {
            // Never leave a caller waiting, whatever went wrong above.
            foreach (var pending in batch.Where(p => !settling.Contains(p))) pending.Result.TrySetResult(TradeAnswers.Unavailable());
        }
    }

    /// <summary>An order whose id has a trade already (the unique order_id refused a second one): that trade's answer.</summary>
    private async Task<OrderResult> AnswerFilledAsync(PendingOrder pending, CancellationToken deadline)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(deadline);
            return await FilledOrderLookup.FindAsync(db, pending, deadline) ?? TradeAnswers.Unavailable();
        }
        catch (Exception e) when (DatabaseFailures.IsUnavailable(e))
        {
            return TradeAnswers.Unavailable();
        }
    }

    private void Publish(OrderFilled fill)
    {
        // In the leader's order trace; the board and the circuits continue it (their changes keep this span's context).
        using var span = MarketTelemetry.Traces.StartActivity("order fanout");
        foreach (var sink in sinks)
        {
            try
            {
                sink.Committed(fill.Market, fill.Trade);
            }
            catch (Exception e)
            {
                // The trade is committed: a failing subscriber must not turn it into an error for the trader.
                logger.LogError(e, "Live sink {Sink} failed for market {MarketId} at {Sequence}", sink.GetType().Name, fill.Market.Id, fill.Market.Sequence);
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
