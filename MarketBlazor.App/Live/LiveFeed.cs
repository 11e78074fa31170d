namespace MarketBlazor.App.Live;

/// <summary>
/// A component's side of a subscription: waits for changes, drains everything queued, and hands
/// the batch over once. While the component renders, new changes pile up and become the next
/// batch, so a burst of hundreds of updates costs a handful of renders.
/// </summary>
public sealed class LiveFeed : IDisposable
{
    private readonly MarketSubscription subscription;
    private readonly CancellationTokenSource stopping = new();

    private LiveFeed(MarketSubscription subscription) => this.subscription = subscription;

    /// <param name="onBatch">Receives the drained changes and whether some were dropped (re-read the board then).</param>
    public static LiveFeed Start(MarketBroadcaster broadcaster, Func<IReadOnlyList<MarketChange>, bool, Task> onBatch)
    {
        var feed = new LiveFeed(broadcaster.Subscribe());
        _ = feed.RunAsync(onBatch);
        return feed;
    }

    private async Task RunAsync(Func<IReadOnlyList<MarketChange>, bool, Task> onBatch)
    {
        var reader = subscription.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stopping.Token))
            {
                var batch = new List<MarketChange>();
                while (reader.TryRead(out var change)) batch.Add(change);
                await onBatch(batch, subscription.TakeResync());
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away while a render was being dispatched.
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        subscription.Dispose();
        stopping.Dispose();
    }
}
