using System.Threading.Channels;

namespace MarketBlazor.App.Live;

/// <summary>
/// One subscriber's bounded queue. When it is full the change is dropped and the subscriber is
/// marked for resync instead: a slow circuit must never slow the trade path or anyone else.
/// </summary>
public sealed class MarketSubscription : IDisposable
{
    private readonly Channel<MarketChange> channel;
    private readonly Action<MarketSubscription> unsubscribe;
    private int resyncNeeded;

    internal MarketSubscription(int capacity, Action<MarketSubscription> unsubscribe)
    {
        channel = Channel.CreateBounded<MarketChange>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        this.unsubscribe = unsubscribe;
    }

    public ChannelReader<MarketChange> Reader => channel.Reader;

    public bool ResyncNeeded => Volatile.Read(ref resyncNeeded) == 1;

    /// <summary>True once, after changes were dropped: the subscriber should re-read the board.</summary>
    public bool TakeResync() => Interlocked.Exchange(ref resyncNeeded, 0) == 1;

    internal void Offer(MarketChange change)
    {
        if (!channel.Writer.TryWrite(change)) MarkResync();
    }

    internal void MarkResync() => Volatile.Write(ref resyncNeeded, 1);

    public void Dispose()
    {
        unsubscribe(this);
        channel.Writer.TryComplete();
    }
}
