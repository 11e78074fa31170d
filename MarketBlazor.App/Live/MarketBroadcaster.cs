using System.Collections.Immutable;
using MarketBlazor.Data.Trading;
using Microsoft.Extensions.Options;

namespace MarketBlazor.App.Live;

/// <summary>
/// Fed only after commit (it is the trade path's <see cref="IMarketChangeSink"/>): applies the
/// change to the market board, then hands it to the market's fan-out shard, which offers it to
/// every subscriber without ever waiting on one. A change that reveals a gap is not published;
/// the market is queued for repair from the database instead.
/// </summary>
public sealed class MarketBroadcaster : IMarketChangeSink, IDisposable
{
    public const int DefaultCapacity = 256;

    private readonly Lock gate = new();
    private readonly MarketBoard board;
    private readonly RepairQueue repairs;
    private readonly FanoutShard[] shards;
    private ImmutableArray<MarketSubscription> subscribers = [];
    private int dropNext;

    public MarketBroadcaster(MarketBoard board, RepairQueue repairs, IOptions<LiveOptions> options)
    {
        this.board = board;
        this.repairs = repairs;
        shards = Enumerable.Range(0, Math.Max(1, options.Value.Shards)).Select(_ => new FanoutShard(() => subscribers)).ToArray();
    }

    public MarketBroadcaster(MarketBoard board) : this(board, new RepairQueue(), Options.Create(new LiveOptions()))
    {
    }

    public int SubscriberCount => subscribers.Length;

    public MarketSubscription Subscribe(int capacity = DefaultCapacity)
    {
        var subscription = new MarketSubscription(capacity, Remove);
        lock (gate) subscribers = subscribers.Add(subscription);
        return subscription;
    }

    public void Committed(MarketSnapshot market, TradeView trade)
    {
        if (Interlocked.Exchange(ref dropNext, 0) == 1) return;
        switch (board.Apply(market, trade))
        {
            case ApplyOutcome.Applied:
                Publish(new MarketChange(market, trade));
                break;
            case ApplyOutcome.Gap:
                repairs.Repair(market.Id);
                break;
        }
    }

    public void Committed(MarketSnapshot market, MarketEventView change)
    {
        if (Interlocked.Exchange(ref dropNext, 0) == 1) return;
        switch (board.Apply(market, change))
        {
            case ApplyOutcome.Applied:
                Publish(new MarketChange(market, null, change));
                break;
            case ApplyOutcome.Gap:
                repairs.Repair(market.Id);
                break;
        }
    }

    public void Launched(MarketSnapshot market)
    {
        if (board.Launch(market)) Publish(new MarketChange(market, null));
    }

    /// <summary>Sends a change the board already holds (e.g. after a repair) to every subscriber.</summary>
    public void Publish(MarketChange change) => shards[(int)((uint)change.Market.Id % (uint)shards.Length)].Enqueue(change);

    /// <summary>Fault injection for tests: the next committed change is lost before it reaches the board, as a crashed push would be.</summary>
    public void DropNextChange() => Interlocked.Exchange(ref dropNext, 1);

    private void Remove(MarketSubscription subscription)
    {
        lock (gate) subscribers = subscribers.Remove(subscription);
    }

    public void Dispose()
    {
        foreach (var shard in shards) shard.Dispose();
    }
}
