using MarketBlazor.Data.Trading;

namespace MarketBlazor.Data.Queries;

/// <summary>One page of an account's filtered trade history, newest first; <see cref="Page"/> is the page actually shown (1 … <see cref="PageCount"/>).</summary>
public sealed record TradeHistoryPage(IReadOnlyList<TradeView> Trades, int Page, int PageCount, int Total);
