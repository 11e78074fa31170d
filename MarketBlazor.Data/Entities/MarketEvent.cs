using MarketBlazor.Data.Lifecycle;

namespace MarketBlazor.Data.Entities;

/// <summary>
/// Append-only record of a change to a market that is not a trade but still takes a market
/// sequence (DESIGN §2), so replay by sequence sees closes and resolutions in order with the trades.
/// </summary>
public class MarketEvent
{
    public long Id { get; set; }
    public int MarketId { get; set; }
    public MarketEventKind Kind { get; set; }

    /// <summary>The market sequence this event produced: trades and events share the cursor.</summary>
    public long MarketSequence { get; set; }

    public Resolution? Resolution { get; set; }
    public decimal? ResolutionProbability { get; set; }

    /// <summary>At a resolution: what the positions were paid in total.</summary>
    public decimal? TotalPaid { get; set; }

    /// <summary>At a resolution: what was left in the pot for the creator.</summary>
    public decimal? CreatorRemainder { get; set; }

    /// <summary>The account that acted; null when the clock closed the market.</summary>
    public int? ActorAccountId { get; set; }

    public DateTimeOffset OccurredAt { get; set; }
}
