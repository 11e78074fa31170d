using MarketBlazor.Data.Entities;

namespace MarketBlazor.Data.Trading;

/// <summary>
/// What an order would fill at against one market state. <see cref="Amount"/> is cash to spend
/// for a buy and shares to sell for a sell; <see cref="Cash"/> is what changes hands.
/// Prices are of the traded side.
/// </summary>
public sealed record Quote(
    int MarketId,
    Side Side,
    TradeAction Action,
    decimal Amount,
    decimal Shares,
    decimal Cash,
    decimal AveragePrice,
    decimal PriceBefore,
    decimal PriceAfter,
    long Sequence);
