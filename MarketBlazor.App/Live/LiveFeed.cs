using System.Diagnostics;
using MarketBlazor.Data.Telemetry;

namespace MarketBlazor.App.Live;

/// <summary>
/// A component's side of a subscription: waits for changes, drains everything queued, and hands
/// the batch over once. While the component renders, new changes pile up and become the next
/// batch, so a burst of hundreds of updates costs a handful of renders. Under a steady stream a
/// feed hands over at most one batch per <see cref="BatchInterval"/> (the latest state wins: the
/// board holds it), and every feed in the process takes <see cref="RenderTurns"/>, so that pushes
/// to thousands of circuits never starve the trade path of CPU.
/// A batch the component fails on never ends the feed (a page that silently stops following is
/// the worst outcome): the failure goes to <c>onFailure</c> and the next batch asks for a resync,
/// since the failed one may have been half applied.
/// </summary>
public sealed class LiveFeed : IDisposable
{
    /// <summary>The shortest time between two batches of one feed: a first change after a quiet spell is handed over at once.</summary>
    public static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(100);

    private readonly MarketSubscription subscription;
    private readonly CancellationTokenSource stopping = new();

    private readonly MarketTelemetry telemetry;

    private LiveFeed(MarketSubscription subscription, MarketTelemetry telemetry)
    {
        this.subscription = subscription;
        this.telemetry = telemetry;
    }

    /// <param name="onBatch">Receives the drained changes and whether some were dropped (re-read the board then).</param>
    /// <param name="onFailure">
    /// Told of each exception <paramref name="onBatch"/> throws; a component passes its
    /// <c>DispatchExceptionAsync</c>, so the circuit handles it like one thrown by a lifecycle method.
    /// </param>
    public static LiveFeed Start(MarketBroadcaster broadcaster, Func<IReadOnlyList<MarketChange>, bool, Task> onBatch,
        Func<Exception, Task>? onFailure = null)
    {
        var feed = new LiveFeed(broadcaster.Subscribe(), broadcaster.Telemetry);
        // Not awaited by design: RunAsync catches everything and hands failures to onFailure.
        _ = feed.RunAsync(onBatch, onFailure);
        return feed;
    }

    private async Task RunAsync(Func<IReadOnlyList<MarketChange>, bool, Task> onBatch, Func<Exception, Task>? onFailure)
    {
        var reader = subscription.Reader;
        // Taken once: the token stays usable after Dispose, the source does not.
        var stopped = stopping.Token;
        var failed = false;
        var lastBatch = 0L;
        try
        {
            // No token here: a cancellable wait allocates per push and per circuit; Dispose completes the queue instead.
            while (await reader.WaitToReadAsync(CancellationToken.None))
            {
                var sinceLast = Stopwatch.GetElapsedTime(lastBatch);
                if (lastBatch != 0 && sinceLast < BatchInterval) await Task.Delay(BatchInterval - sinceLast, stopped);
                await RenderTurns.TakeAsync(stopped);
                lastBatch = Stopwatch.GetTimestamp();
                try
                {
                    Task handling;
                    var batch = new List<MarketChange>();
                    try
                    {
                        while (reader.TryRead(out var change)) batch.Add(change);
                        // TakeResync first: it must be consumed even when a failure already asks for a resync.
                        var resync = subscription.TakeResync() | failed;
                        if (resync) telemetry.Resynced();
                        handling = onBatch(batch, resync);
                        // The turn lasts until the component has rendered, or LongestTurn. Rendering on the
                        // circuit's own dispatcher completes synchronously: no timer then.
                        if (!handling.IsCompleted) await Task.WhenAny(handling, Task.Delay(RenderTurns.LongestTurn, stopped));
                    }
                    finally
                    {
                        RenderTurns.Give();
                    }
                    await handling;
                    // The oldest change of the batch waited longest: one sample per render.
                    if (batch.Count > 0 && batch[0].AppliedAt != 0) telemetry.Rendered(batch[0].AppliedAt);
                    failed = false;
                }
                catch (Exception e) when (!stopped.IsCancellationRequested)
                {
                    failed = true;
                    if (!await ReportAsync(onFailure, e)) return;
                }
            }
        }
        catch (OperationCanceledException) when (stopped.IsCancellationRequested)
        {
        }
    }

    /// <returns>
    /// False when the failure could not be reported (the circuit has gone, or is failing itself):
    /// nobody is left to update, so the feed ends. Nothing escapes, so the feed's task never faults unobserved.
    /// </returns>
    private static async Task<bool> ReportAsync(Func<Exception, Task>? onFailure, Exception failure)
    {
        if (onFailure is null) return true;
        try
        {
            await onFailure(failure);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        subscription.Dispose();
        stopping.Dispose();
    }
}
