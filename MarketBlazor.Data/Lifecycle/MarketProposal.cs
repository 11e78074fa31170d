namespace MarketBlazor.Data.Lifecycle;

/// <summary>What a creator asks for when launching a market (DESIGN §9). The description is Markdown, stored raw.</summary>
public sealed record MarketProposal(
    string Question,
    string Description,
    string Category,
    DateTimeOffset ClosesAt,
    decimal InitialProbability,
    decimal Liquidity);
