using MarketBlazor.App.Live;
using MarketBlazor.Data.Queries;
using MarketBlazor.Data.Trading;

namespace MarketBlazor.App.Components.Shared;

/// <summary>
/// A position marked to market: what its shares would fetch at the current prices (Yes at the
/// Yes price, No at 1 − it), against the net cash put in. Approximate by design: selling them all
/// would move the price and fetch less.
/// </summary>
public readonly record struct PositionValuation(decimal Value, decimal CostBasis)
{
    public decimal ProfitAndLoss => Value - CostBasis;

    public static PositionValuation Of(PositionView position, MarketSnapshot market) =>
        new(position.YesShares * market.YesPrice + position.NoShares * market.NoPrice, position.CostBasis);
}
