using MarketBlazor.App.Live;

namespace MarketBlazor.App.Components.Pages.Leaderboard;

/// <summary>One leaderboard row: net worth now and, for today / the week, the profit over that period.</summary>
public sealed record LeaderboardEntry(BoardAccount Account, decimal NetWorth, decimal? Profit);
