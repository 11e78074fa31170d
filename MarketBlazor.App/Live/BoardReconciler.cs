using System.Runtime.ExceptionServices;
using MarketBlazor.Data;
using MarketBlazor.Data.Telemetry;
using MarketBlazor.Data.Trading;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MarketBlazor.App.Live;

/// <summary>
/// Keeps the board eventually correct: every <see cref="LiveOptions.ReconcileInterval"/> it compares
/// all market sequences with the database in one query, and between polls it repairs the markets
/// queued by gaps and by other instances' notifications. A repair reads the market row and exactly
/// the trades after the board's sequence, applies them in order and publishes the result.
/// </summary>
public sealed class BoardReconciler(
    MarketBoard board,
    MarketBroadcaster broadcaster,
    RepairQueue queue,
    IDbContextFactory<MarketDbContext> contexts,
    DatabaseHealth health,
    IOptions<LiveOptions> options,
    MarketTelemetry telemetry,
    ILogger<BoardReconciler> logger) : BackgroundService
{
    /// <summary>Longest wait after failures (shorter when the reconciliation interval is).</summary>
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private long repairs;

    /// <summary>Drifted markets repaired since start (also the <c>marketblazor.board.repairs</c> metric).</summary>
    public long Repairs => Interlocked.Read(ref repairs);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await board.Loaded.WaitAsync(stoppingToken);
        var interval = options.Value.ReconcileInterval;
        var failures = new FailureBackoff(logger, "Board reconciliation", TimeSpan.FromMilliseconds(100),
            TimeSpan.FromTicks(Math.Min(interval.Ticks, MaxBackoff.Ticks)));
        using var timer = new PeriodicTimer(interval);
        var tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
        var request = queue.Reader.WaitToReadAsync(stoppingToken).AsTask();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.WhenAny(tick, request);
                // Market id → whether it drifted (true) or was merely announced by another instance (false).
                var pending = new Dictionary<int, bool>();
                while (queue.Reader.TryRead(out var queued)) pending[queued.MarketId] = pending.GetValueOrDefault(queued.MarketId) || queued.Drifted;
                var everything = tick.IsCompleted || pending.ContainsKey(RepairQueue.Everything);
                if (tick.IsCompleted) tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
                if (request.IsCompleted) request = queue.Reader.WaitToReadAsync(stoppingToken).AsTask();

                if (everything)
                    foreach (var drifted in await DriftedMarketsAsync(stoppingToken)) pending[drifted] = true;
                pending.Remove(RepairQueue.Everything);
                await RepairAllAsync(pending, stoppingToken);
                health.ReportReachable();
                failures.Succeeded();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                if (DatabaseFailures.IsUnavailable(e)) health.ReportUnreachable(e);
                // Whatever was pending is found again by the next full comparison.
                queue.RequestEverything();
                await failures.FailedAsync(e, stoppingToken);
            }
        }
    }

    /// <summary>
    /// Repairs each pending market. A market whose repair fails for a reason other than an outage
    /// (a bug tied to its data) must not keep every other market stale: the others are still
    /// repaired, then the first such failure is rethrown. An outage stops the pass at once.
    /// </summary>
    private async Task RepairAllAsync(Dictionary<int, bool> pending, CancellationToken stoppingToken)
    {
        ExceptionDispatchInfo? firstFailure = null;
        foreach (var (marketId, drifted) in pending)
        {
            try
            {
                await RepairAsync(marketId, drifted, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested && !DatabaseFailures.IsUnavailable(e))
            {
                firstFailure ??= ExceptionDispatchInfo.Capture(e);
            }
        }
        firstFailure?.Throw();
    }

    private async Task<IReadOnlyCollection<int>> DriftedMarketsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var database = await db.Markets.AsNoTracking().Select(m => new { m.Id, m.Sequence }).ToListAsync(cancellationToken);
        var onBoard = board.Sequences();
        return database.Where(m => onBoard.GetValueOrDefault(m.Id, -1) != m.Sequence).Select(m => m.Id).ToList();
    }

    private async Task RepairAsync(int marketId, bool drifted, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var market = await db.Markets.AsNoTracking().FirstOrDefaultAsync(m => m.Id == marketId, cancellationToken);
        if (market is null) return;
        var known = board.Market(marketId);
        var after = known?.Sequence ?? 0;
        // A market new to the board is added even at sequence 0 (just launched, nothing traded yet).
        if (known is not null && market.Sequence <= after) return;
        var missed = await db.Trades.AsNoTracking()
            .Where(t => t.MarketId == marketId && t.MarketSequence > after && t.MarketSequence <= market.Sequence)
            .OrderBy(t => t.MarketSequence)
            .ToListAsync(cancellationToken);

        var events = await db.MarketEvents.AsNoTracking()
            .Where(e => e.MarketId == marketId && e.MarketSequence > after && e.MarketSequence <= market.Sequence)
            .OrderBy(e => e.MarketSequence)
            .ToListAsync(cancellationToken);
        var paid = events.Count == 0 ? [] : await db.CashMovements.AsNoTracking()
            .Where(c => c.MarketId == marketId && c.MarketSequence > after && c.MarketSequence <= market.Sequence)
            .ToListAsync(cancellationToken);

        var snapshot = MarketSnapshot.From(market);
        var trades = missed.ConvertAll(TradeView.From);
        var changes = events.ConvertAll(e => MarketEventView.From(e, paid));
        var changed = known is null && market.Sequence == 0 ? board.Launch(snapshot) : board.Repair(snapshot, trades, changes);
        if (!changed) return;
        if (drifted)
        {
            Interlocked.Increment(ref repairs);
            telemetry.BoardRepaired();
            logger.LogInformation("Repaired market {MarketId}: board was at {Before}, database at {After} ({Missed} trades replayed)",
                marketId, after, market.Sequence, trades.Count);
        }
        else
        {
            telemetry.BoardRefreshed();
            logger.LogDebug("Refreshed market {MarketId} from {Before} to {After} after another instance's notice", marketId, after, market.Sequence);
        }
        broadcaster.Publish(changes.Count > 0 ? new MarketChange(snapshot, null, changes[^1])
            : new MarketChange(snapshot, trades.Count > 0 ? trades[^1] : null));
    }
}
