using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Lifecycle;
using MarketBlazor.Data.Trading;

namespace MarketBlazor.App.Api;

public sealed record MarketSummaryResponse(
    int Id, string Slug, string Question, string Category, MarketStatus Status, DateTimeOffset ClosesAt,
    decimal YesPrice, decimal NoPrice, decimal Volume, long Sequence,
    int? CreatorAccountId, Resolution? Resolution, decimal? ResolutionProbability, DateTimeOffset? ResolvedAt)
{
    public static MarketSummaryResponse From(MarketSnapshot m) =>
        new(m.Id, m.Slug, m.Question, m.Category, m.Status, m.ClosesAt, m.YesPrice, m.NoPrice, m.Volume, m.Sequence,
            m.CreatorAccountId, m.Resolution, m.ResolutionProbability, m.ResolvedAt);
}

public sealed record MarketDetailResponse(
    int Id, string Slug, string Question, string Description, string Category, MarketStatus Status, DateTimeOffset ClosesAt,
    decimal YesPrice, decimal NoPrice, decimal Volume, long Sequence, decimal Liquidity, decimal YesShares, decimal NoShares,
    int? CreatorAccountId, Resolution? Resolution, decimal? ResolutionProbability, DateTimeOffset? ResolvedAt)
{
    public static MarketDetailResponse From(MarketSnapshot m) =>
        new(m.Id, m.Slug, m.Question, m.Description, m.Category, m.Status, m.ClosesAt, m.YesPrice, m.NoPrice, m.Volume, m.Sequence,
            m.LiquidityB, m.YesShares, m.NoShares, m.CreatorAccountId, m.Resolution, m.ResolutionProbability, m.ResolvedAt);
}

/// <summary>What a resolution paid (DESIGN §9).</summary>
public sealed record SettlementResponse(
    int MarketId, Resolution Resolution, decimal? Probability, int PositionsPaid, decimal TotalPaid, decimal CreatorRemainder, DateTimeOffset ResolvedAt, long Sequence)
{
    public static SettlementResponse From(MarketResolved r) =>
        new(r.Market.Id, r.Settlement.Resolution, r.Settlement.Probability, r.Settlement.PositionsPaid, r.Settlement.TotalPaid,
            r.Settlement.CreatorRemainder, r.Settlement.ResolvedAt, r.Market.Sequence);
}

/// <summary>A quote; <see cref="Amount"/> is cash (buy) or shares (sell), <see cref="Cash"/> what changes hands.</summary>
public sealed record QuoteResponse(
    Side Side, TradeAction Action, decimal Amount, decimal Shares, decimal Cash, decimal AveragePrice, decimal PriceAfter, long Sequence)
{
    public static QuoteResponse From(Quote q) => new(q.Side, q.Action, q.Amount, q.Shares, q.Cash, q.AveragePrice, q.PriceAfter, q.Sequence);
}

public sealed record OrderFilledResponse(
    long TradeId, decimal Shares, decimal Amount, decimal AveragePrice, decimal PriceAfter, long Sequence, decimal Balance)
{
    public static OrderFilledResponse From(OrderFilled f) =>
        new(f.Trade.Id, f.Trade.Shares, f.Trade.Amount, f.Trade.AveragePrice, f.Trade.PriceAfter, f.Trade.Sequence, f.Balance);
}

public sealed record TradeResponse(
    long Id, int AccountId, Side Side, TradeAction Action, decimal Shares, decimal Amount,
    decimal PriceBefore, decimal PriceAfter, long Sequence, DateTimeOffset ExecutedAt)
{
    public static TradeResponse From(TradeView t) =>
        new(t.Id, t.AccountId, t.Side, t.Action, t.Shares, t.Amount, t.PriceBefore, t.PriceAfter, t.Sequence, t.ExecutedAt);
}
