using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;

namespace MarketBlazor.App.Api;

public sealed record MarketSummaryResponse(
    int Id, string Slug, string Question, string Category, MarketStatus Status, DateTimeOffset ClosesAt,
    decimal YesPrice, decimal NoPrice, decimal Volume, long Sequence)
{
    public static MarketSummaryResponse From(MarketSnapshot m) =>
        new(m.Id, m.Slug, m.Question, m.Category, m.Status, m.ClosesAt, m.YesPrice, m.NoPrice, m.Volume, m.Sequence);
}

public sealed record MarketDetailResponse(
    int Id, string Slug, string Question, string Description, string Category, MarketStatus Status, DateTimeOffset ClosesAt,
    decimal YesPrice, decimal NoPrice, decimal Volume, long Sequence, decimal Liquidity, decimal YesShares, decimal NoShares)
{
    public static MarketDetailResponse From(MarketSnapshot m) =>
        new(m.Id, m.Slug, m.Question, m.Description, m.Category, m.Status, m.ClosesAt, m.YesPrice, m.NoPrice, m.Volume, m.Sequence,
            m.LiquidityB, m.YesShares, m.NoShares);
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
