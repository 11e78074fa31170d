using System.Collections.Concurrent;

namespace MarketBlazor.Data.Trading;

/// <summary>This process's lane of every market it has traded, made on first use.</summary>
internal sealed class MarketLanes
{
    private readonly ConcurrentDictionary<int, MarketLane> lanes = new();

    public MarketLane For(int marketId) => lanes.GetOrAdd(marketId, static _ => new MarketLane());
}
