namespace MarketBlazor.Data.Entities;

public class Position
{
    public int AccountId { get; set; }
    public int MarketId { get; set; }
    public decimal YesShares { get; set; }
    public decimal NoShares { get; set; }

    /// <summary>Net cash put into this market: buys minus sell proceeds (negative once profits are taken).</summary>
    public decimal CostBasis { get; set; }

    public Market? Market { get; set; }

    public decimal SharesOf(Side side) => side == Side.Yes ? YesShares : NoShares;
}
