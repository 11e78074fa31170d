using MarketBlazor.Data.Entities;

namespace MarketBlazor.Data.Trading;

/// <summary>An immutable copy of a committed trade, safe to hand to many live subscribers. <see cref="Redeemed"/>: pairs netted after the fill.</summary>
public sealed record TradeView(
    long Id,
    int MarketId,
    int AccountId,
    Side Side,
    TradeAction Action,
    decimal Shares,
    decimal Amount,
    decimal PriceBefore,
    decimal PriceAfter,
    long Sequence,
    DateTimeOffset ExecutedAt,
    decimal Redeemed = 0)
{
    public decimal AveragePrice => Shares == 0 ? PriceBefore : Math.Round(Amount / Shares, 10);

    /// <summary>The Yes price once this trade landed, whichever side it traded.</summary>
    public decimal YesPriceAfter => Side == Side.Yes ? PriceAfter : 1 - PriceAfter;

    public static TradeView From(Trade trade) => new(
        trade.Id, trade.MarketId, trade.AccountId, trade.Side, trade.Action, trade.Shares, trade.Amount,
        trade.PriceBefore, trade.PriceAfter, trade.MarketSequence, trade.ExecutedAt, trade.Redeemed);
}
