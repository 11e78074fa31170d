using MarketBlazor.Data.Trading;

namespace MarketBlazor.App.Live;

/// <summary>One committed trade and the market state it produced.</summary>
public sealed record MarketChange(MarketSnapshot Market, TradeView Trade);
