using MarketBlazor.Data.Entities;

namespace MarketBlazor.Data.Queries;

/// <summary>Which of an account's trades its history shows: text found in the market's question or slug, one side, one action (null: any).</summary>
public sealed record TradeHistoryFilter(string? Market = null, Side? Side = null, TradeAction? Action = null)
{
    public const int MaxMarketTextLength = 200;

    public static readonly TradeHistoryFilter None = new();
}
