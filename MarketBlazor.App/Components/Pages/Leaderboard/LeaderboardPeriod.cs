namespace MarketBlazor.App.Components.Pages.Leaderboard;

/// <summary>Which stretch of time the leaderboard ranks: all time by net worth, today and the week by profit.</summary>
public enum LeaderboardPeriod
{
    AllTime,
    Week,
    Today,
}
