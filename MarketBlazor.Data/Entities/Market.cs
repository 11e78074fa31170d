using System.ComponentModel.DataAnnotations;
using MarketBlazor.Data.Lifecycle;

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

    /// <summary>The account that launched the market and paid its subsidy; the house for seeded markets, null for markets made by hand in tests.</summary>
    public int? CreatorAccountId { get; set; }

    /// <summary>The launch offset that sets the opening price (DESIGN §9): outstanding, but held by nobody.</summary>
    public decimal InitialYesShares { get; set; }

    /// <summary>The launch offset that sets the opening price (DESIGN §9): outstanding, but held by nobody.</summary>
    public decimal InitialNoShares { get; set; }

    /// <summary>What the creator paid in at launch: LMSR's worst-case loss, so the pot can always pay its winners.</summary>
    public decimal Subsidy { get; set; }

    public Resolution? Resolution { get; set; }

    /// <summary>The probability a "mkt" resolution paid out at; null for the others.</summary>
    public decimal? ResolutionProbability { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>LMSR liquidity parameter b: the house's worst-case loss is b·ln 2.</summary>
    public decimal LiquidityB { get; set; }
    public decimal YesShares { get; set; }
    public decimal NoShares { get; set; }

    /// <summary>Cash traded through this market (buys plus sells).</summary>
    public decimal Volume { get; set; }

    /// <summary>Cash the market holds: subsidy plus buys, minus sell proceeds, redeemed pairs and (at resolution) everything it pays out.</summary>
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
