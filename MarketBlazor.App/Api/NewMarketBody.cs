using MarketBlazor.Data.Lifecycle;

namespace MarketBlazor.App.Api;

/// <summary>The POST body that launches a market; the rules themselves are <see cref="ProposalValidator"/>'s.</summary>
public sealed record NewMarketBody(
    string? Question,
    string? Description,
    string? Category,
    DateTimeOffset? ClosesAt,
    decimal? InitialProbability,
    decimal? Liquidity)
{
    /// <returns>The proposal, or null with the missing fields named.</returns>
    public (MarketProposal? Proposal, string? Missing) ToProposal()
    {
        var missing = new[] { (Question is null, "question"), (Category is null, "category"), (ClosesAt is null, "closesAt"),
                (InitialProbability is null, "initialProbability"), (Liquidity is null, "liquidity") }
            .Where(f => f.Item1).Select(f => f.Item2).ToList();
        if (missing.Count > 0) return (null, $"missing: {string.Join(", ", missing)}.");
        return (new MarketProposal(Question!, Description ?? "", Category!, ClosesAt!.Value, InitialProbability!.Value, Liquidity!.Value), null);
    }
}
