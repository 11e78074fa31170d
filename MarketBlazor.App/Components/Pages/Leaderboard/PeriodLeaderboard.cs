using MarketBlazor.App.Live;
using MarketBlazor.Data.Queries;

namespace MarketBlazor.App.Components.Pages.Leaderboard;

/// <summary>
/// Today's and the week's profit rankings, shared by every viewer: each is read from the database at
/// most once per <see cref="CacheFor"/> (a thousand open leaderboards cost one query pair, not a
/// thousand), then marked at the board's current prices. Today starts at 00:00 UTC; the week is the
/// last seven days. All time is the board's own precomputed net-worth ranking and never queries.
/// Profit is defined in <see cref="PeriodActivityReader"/>.
/// </summary>
public sealed class PeriodLeaderboard(PeriodActivityReader reader, MarketBoard board, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(15);

    private readonly Lock gate = new();
    private readonly Dictionary<LeaderboardPeriod, (DateTimeOffset At, Task<IReadOnlyList<LeaderboardEntry>> Ranking)> cache = [];

    /// <summary>Every account, best first (ties by id): by net worth for all time, by profit otherwise.</summary>
    public Task<IReadOnlyList<LeaderboardEntry>> RankAsync(LeaderboardPeriod period)
    {
        if (period == LeaderboardPeriod.AllTime)
            return Task.FromResult<IReadOnlyList<LeaderboardEntry>>(
                board.Leaderboard(int.MaxValue).Select(e => new LeaderboardEntry(e.Account, e.NetWorth, null)).ToList());

        var now = clock.GetUtcNow();
        lock (gate)
        {
            // A failed read is not kept: the next viewer tries again instead of seeing the error for CacheFor.
            if (cache.TryGetValue(period, out var cached) && now - cached.At < CacheFor && !cached.Ranking.IsFaulted && !cached.Ranking.IsCanceled)
                return cached.Ranking;
            // Not tied to one viewer's cancellation: every viewer of this period shares the read; the
            // read context's command timeout bounds it.
            var ranking = ComputeAsync(Start(period, now));
            cache[period] = (now, ranking);
            return ranking;
        }
    }

    /// <summary>When <paramref name="period"/> began, seen from <paramref name="now"/>.</summary>
    public static DateTimeOffset Start(LeaderboardPeriod period, DateTimeOffset now) => period switch
    {
        LeaderboardPeriod.Today => new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero),
        LeaderboardPeriod.Week => now.AddDays(-7),
        _ => DateTimeOffset.MinValue,
    };

    private async Task<IReadOnlyList<LeaderboardEntry>> ComputeAsync(DateTimeOffset since)
    {
        var activity = (await reader.SinceAsync(since)).ToDictionary(a => a.AccountId);
        return board.Leaderboard(int.MaxValue)
            .Select(e => new LeaderboardEntry(e.Account, e.NetWorth, activity.TryGetValue(e.Account.Id, out var done) ? Profit(done) : 0m))
            .OrderByDescending(e => e.Profit).ThenBy(e => e.Account.Id)
            .ToList();
    }

    /// <summary>The period's cash plus the shares it gained or gave up, at the current prices (nothing for a resolved market: it paid in cash).</summary>
    private decimal Profit(PeriodActivity activity) =>
        activity.Cash + activity.Shares.Sum(s => board.MarkToMarket(new PositionView(s.MarketId, s.Yes, s.No, 0m)));
}
