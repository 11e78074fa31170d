using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Lifecycle;

namespace MarketBlazor.Data.Trading;

/// <summary>An immutable copy of a market as committed at <see cref="Sequence"/>.</summary>
public sealed record MarketSnapshot(
    int Id,
    string Slug,
    string Question,
    string Description,
    string Category,
    MarketStatus Status,
    DateTimeOffset ClosesAt,
    decimal LiquidityB,
    decimal YesShares,
    decimal NoShares,
    decimal Volume,
    long Sequence,
    int? CreatorAccountId = null,
    Resolution? Resolution = null,
    decimal? ResolutionProbability = null,
    DateTimeOffset? ResolvedAt = null,
    decimal Subsidy = 0)
{
    public decimal YesPrice => Pricing.YesPrice(YesShares, NoShares, LiquidityB);
    public decimal NoPrice => 1 - YesPrice;
    public MarketState State => new(Id, LiquidityB, YesShares, NoShares, Sequence);

    public bool AcceptsOrdersAt(DateTimeOffset now) => Market.AcceptsOrders(Status, ClosesAt, now);

    public static MarketSnapshot From(Market market) => new(
        market.Id, market.Slug, market.Question, market.Description, market.Category, market.Status, market.ClosesAt,
        market.LiquidityB, market.YesShares, market.NoShares, market.Volume, market.Sequence,
        market.CreatorAccountId, market.Resolution, market.ResolutionProbability, market.ResolvedAt, market.Subsidy);
}
