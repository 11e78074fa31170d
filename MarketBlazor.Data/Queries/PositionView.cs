using MarketBlazor.Data.Entities;

namespace MarketBlazor.Data.Queries;

/// <summary>One account's holding in one market; <see cref="CostBasis"/> is the net cash put in.</summary>
public sealed record PositionView(int MarketId, decimal YesShares, decimal NoShares, decimal CostBasis)
{
    public decimal SharesOf(Side side) => side == Side.Yes ? YesShares : NoShares;
}
