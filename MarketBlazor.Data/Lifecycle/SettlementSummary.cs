namespace MarketBlazor.Data.Lifecycle;

/// <summary>What a resolution paid: how many positions, in total, and the creator's remainder.</summary>
public sealed record SettlementSummary(
    Resolution Resolution,
    decimal? Probability,
    int PositionsPaid,
    decimal TotalPaid,
    decimal CreatorRemainder,
    DateTimeOffset ResolvedAt);
