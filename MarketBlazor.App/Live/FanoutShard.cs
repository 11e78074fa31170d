using System.Collections.Immutable;
using System.Threading.Channels;

namespace MarketBlazor.App.Live;

/// <summary>
/// One partition of the fan-out: its own queue and worker, so the changes of the markets hashed
/// here are delivered in order, and a burst on one of them never holds up other shards.
/// The trade path only enqueues; the worker does the per-subscriber work.
/// </summary>
internal sealed class FanoutShard : IDisposable
{
    private readonly Channel<MarketChange> queue = Channel.CreateUnbounded<MarketChange>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<ImmutableArray<MarketSubscription>> subscribers;
    private readonly Task worker;

    public FanoutShard(Func<ImmutableArray<MarketSubscription>> subscribers)
    {
        this.subscribers = subscribers;
        worker = Task.Run(DeliverAsync);
    }

    public void Enqueue(MarketChange change) => queue.Writer.TryWrite(change);

    private async Task DeliverAsync()
    {
        await foreach (var change in queue.Reader.ReadAllAsync())
        {
            foreach (var subscriber in subscribers()) subscriber.Offer(change);
        }
    }

    public void Dispose()
    {
        queue.Writer.TryComplete();
        worker.Wait(TimeSpan.FromSeconds(5));
    }
}
