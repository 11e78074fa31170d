using System.ComponentModel.DataAnnotations;

namespace MarketBlazor.Data.Entities;

public class Market
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Question { get; set; }
    public string Description { get; set; } = "";
    public required string Category { get; set; }
    public DateTimeOffset ClosesAt { get; set; }
    public MarketStatus Status { get; set; } = MarketStatus.Open;
    public Side? Outcome { get; set; }

    /// <summary>LMSR liquidity parameter b: the house's worst-case loss is b·ln 2.</summary>
    public decimal LiquidityB { get; set; }
    public decimal YesShares { get; set; }
    public decimal NoShares { get; set; }

    /// <summary>Cash traded through this market (buys plus sells).</summary>
    public decimal Volume { get; set; }

    /// <summary>Cash the market holds: buys paid in minus sell proceeds paid out.</summary>
    public decimal Collected { get; set; }

    /// <summary>The per-market event cursor: +1 per committed change, gap-free, in commit order.</summary>
    public long Sequence { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    [Timestamp]
    public uint Version { get; set; }

    public bool AcceptsOrdersAt(DateTimeOffset now) => AcceptsOrders(Status, ClosesAt, now);

    /// <summary>The one rule for "open for trading", shared by the entity and its snapshots.</summary>
    public static bool AcceptsOrders(MarketStatus status, DateTimeOffset closesAt, DateTimeOffset now) =>
        status == MarketStatus.Open && closesAt > now;
}
