using MarketBlazor.Data.Entities;

namespace MarketBlazor.Data.Trading;

/// <summary>The part of a market that prices an order: outstanding shares, liquidity and the sequence they belong to.</summary>
public readonly record struct MarketState(int MarketId, decimal LiquidityB, decimal YesShares, decimal NoShares, long Sequence)
{
    public static MarketState Of(Market market) =>
        new(market.Id, market.LiquidityB, market.YesShares, market.NoShares, market.Sequence);

    public (double Side, double Other) Quantities(Side side) => side == Side.Yes
        ? ((double)YesShares, (double)NoShares)
        : ((double)NoShares, (double)YesShares);
}
