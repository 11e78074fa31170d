using MarketBlazor.Data.Trading;

namespace MarketBlazor.App.Live;

/// <summary>
/// One committed change and the market state it produced: a trade, a close or resolution
/// (<see cref="Event"/>), or, with neither, a new market at sequence 0.
/// </summary>
public sealed record MarketChange(MarketSnapshot Market, TradeView? Trade, MarketEventView? Event = null)
{
    public long Sequence => Market.Sequence;
}
