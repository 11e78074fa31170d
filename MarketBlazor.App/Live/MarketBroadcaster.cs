using System.Collections.Immutable;
using MarketBlazor.Data.Trading;

namespace MarketBlazor.App.Live;

/// <summary>
/// Fed only after commit (it is the trade path's <see cref="IMarketChangeSink"/>): updates the
/// market board first, then offers the change to every subscriber without ever waiting on one.
/// </summary>
public sealed class MarketBroadcaster(MarketBoard board) : IMarketChangeSink
{
    public const int DefaultCapacity = 256;

    private readonly Lock gate = new();
    private ImmutableArray<MarketSubscription> subscribers = [];

    public int SubscriberCount => subscribers.Length;

    public MarketSubscription Subscribe(int capacity = DefaultCapacity)
    {
        var subscription = new MarketSubscription(capacity, Remove);
        lock (gate) subscribers = subscribers.Add(subscription);
        return subscription;
    }

    public void Committed(MarketSnapshot market, TradeView trade)
    {
        if (board.Apply(market, trade)) Publish(new MarketChange(market, trade));
    }

    private void Publish(MarketChange change)
    {
        foreach (var subscriber in subscribers) subscriber.Offer(change);
    }

    private void Remove(MarketSubscription subscription)
    {
        lock (gate) subscribers = subscribers.Remove(subscription);
    }
}
