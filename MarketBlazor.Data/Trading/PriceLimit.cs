using MarketBlazor.Data.Entities;

namespace MarketBlazor.Data.Trading;

/// <summary>
/// A trader's slippage read as a limit price, as on any exchange: a buy pays at most the quote plus
/// the slippage, a sell receives at least the quote minus it. A better price than the quote always
/// fills; only a move against the trader beyond the tolerance makes the quote stale.
/// </summary>
public static class PriceLimit
{
    /// <param name="fill">The order priced on the committed state (its average price is per share of the traded side).</param>
    public static bool Accepts(Quote fill, double quotedPrice, double slippage) => fill.Action == TradeAction.Buy
        ? fill.AveragePrice <= (decimal)quotedPrice + (decimal)slippage
        : fill.AveragePrice >= (decimal)quotedPrice - (decimal)slippage;
}
