using MarketBlazor.App.Live;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;
using Microsoft.Extensions.Options;

namespace MarketBlazor.Tests.Live;

/// <summary>The board's derived views (leaderboard, change windows) and its bounded, immutable price history, without a database.</summary>
public sealed class BoardReadModelTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_leaderboard_ranks_by_net_worth_then_id_flags_bots_and_is_computed_once_per_version()
    {
        var board = Board(new TestClock(Start));
        board.AccountOpened(new BoardAccount(1, "Ann", 100m, IsSimulated: false));
        board.AccountOpened(new BoardAccount(2, "Bot", 100m, IsSimulated: true));
        board.AccountOpened(new BoardAccount(3, "Cy", 150m, IsSimulated: false));
        board.AccountOpened(new BoardAccount(4, "Di", 50m, IsSimulated: false));
        board.AccountOpened(new BoardAccount(5, "Ed", 100m, IsSimulated: false));
        // Ann pays 10 for 30 Yes shares; the market stays at 0.5 (no shares recorded on it): 90 + 15 = 105.
        Assert.Equal(ApplyOutcome.Applied, board.Apply(Market(7, sequence: 1), Trade(7, 1, accountId: 1, amount: 10m, shares: 30m, yesPriceAfter: 0.5m, Start)));

        var leaders = board.Leaderboard(10);

        Assert.Equal([3, 1, 2, 5, 4], leaders.Select(l => l.Account.Id));
        Assert.Equal([150m, 105m, 100m, 100m, 50m], leaders.Select(l => l.NetWorth));
        Assert.True(leaders.Single(l => l.Account.Id == 2).Account.IsSimulated);
        Assert.False(leaders.Single(l => l.Account.Id == 5).Account.IsSimulated);
        Assert.Equal([3, 1], board.Leaderboard(2).Select(l => l.Account.Id));
        Assert.Same(board.Leaderboard(10), board.Leaderboard(10));

        // The next change makes a new version, ranked again: Ann sells everything at 0.5 for 15 more and Cy is still first.
        board.Apply(Market(7, sequence: 2), Trade(7, 2, accountId: 1, amount: 15m, shares: 30m, yesPriceAfter: 0.5m, Start, TradeAction.Sell));
        var after = board.Leaderboard(10);
        Assert.NotSame(leaders, after);
        Assert.Equal(105m, after.Single(l => l.Account.Id == 1).NetWorth);
        Assert.Equal(105m, board.Account(1)!.Balance);
    }

    [Fact]
    public void The_change_windows_follow_the_clock_between_trades()
    {
        var clock = new TestClock(Start);
        var board = Board(clock);
        Assert.True(board.Launch(Market(9, sequence: 0)));
        board.Apply(Market(9, 1), Trade(9, 1, 1, 1m, 2m, yesPriceAfter: 0.6m, Start.AddMinutes(10)));
        board.Apply(Market(9, 2), Trade(9, 2, 1, 1m, 2m, yesPriceAfter: 0.7m, Start.AddHours(2)));

        clock.Now = Start.AddHours(2).AddMinutes(1);
        Assert.Equal(0.1m, board.Change(9, BoardMarket.Hour));
        Assert.Equal(0.2m, board.Change(9, BoardMarket.Day));

        // No trade since: an hour on, the 1h window starts after the last trade, so it shows no change.
        clock.Now = Start.AddHours(3).AddMinutes(5);
        Assert.Equal(0m, board.Change(9, BoardMarket.Hour));
        Assert.Equal(0.2m, board.Change(9, BoardMarket.Day));

        clock.Now = Start.AddDays(1).AddMinutes(11);
        Assert.Equal(0.1m, board.Change(9, BoardMarket.Day));
        Assert.Equal(board.Change(9, BoardMarket.Day), board.Entry(9)!.Change(TimeSpan.FromDays(1), clock.Now));
    }

    [Fact]
    public void Price_history_is_bounded_keeps_the_listing_and_every_recent_trade_and_never_changes_under_a_reader()
    {
        var board = Board(new TestClock(Start));
        board.Launch(Market(3, sequence: 0));
        var trades = PriceHistory.Capacity + 300;
        IReadOnlyList<PricePoint>? early = null;
        for (var sequence = 1; sequence <= trades; sequence++)
        {
            board.Apply(Market(3, sequence), Trade(3, sequence, 1, 1m, 1m, yesPriceAfter: 0.5m + sequence / 100_000m, Start.AddSeconds(sequence)));
            if (sequence == 100) early = board.History(3);
        }

        var history = board.History(3);
        Assert.InRange(history.Count, PriceHistory.Capacity / 2, PriceHistory.Capacity);
        Assert.Equal(0, history[0].Sequence);
        Assert.Equal(trades, history[^1].Sequence);
        Assert.True(history.Zip(history.Skip(1)).All(pair => pair.First.Sequence < pair.Second.Sequence), "Points out of order.");
        // The last stretch is whole: every trade of the recent past is still a point.
        var recent = history.TakeLast(PriceHistory.Capacity / 4).Select(p => p.Sequence).ToList();
        Assert.Equal(Enumerable.Range(trades - recent.Count + 1, recent.Count).Select(s => (long)s), recent);
        Assert.Equal(Enumerable.Range(trades - MarketBoard.RecentTradesKept + 1, MarketBoard.RecentTradesKept).Reverse().Select(s => (long)s),
            board.RecentTrades(3).Select(t => t.Sequence));
        Assert.Equal(BoardMarket.SparklinePoints, board.Entry(3)!.Sparkline.Count);
        Assert.Equal(trades, board.Entry(3)!.Sparkline[^1].Sequence);

        // A reader's copy from long ago is exactly what it was, although later versions share its buffer.
        Assert.Equal(Enumerable.Range(0, 101).Select(s => (long)s), early!.Select(p => p.Sequence));
    }

    [Fact]
    public void Two_versions_appended_to_from_the_same_one_do_not_overwrite_each_other()
    {
        var origin = PriceHistory.Starting(new PricePoint(Start, 0.5m, 0));
        var one = origin.Append(new PricePoint(Start.AddSeconds(1), 0.6m, 1));

        var two = one.Append(new PricePoint(Start.AddSeconds(2), 0.7m, 2));
        var other = one.Append(new PricePoint(Start.AddSeconds(2), 0.4m, 2));

        Assert.Equal([0.5m, 0.6m, 0.7m], two.Select(p => p.YesPrice));
        Assert.Equal([0.5m, 0.6m, 0.4m], other.Select(p => p.YesPrice));
        Assert.Equal(2, one.Count);
    }

    private static MarketBoard Board(TimeProvider clock) => new(Options.Create(new TradingOptions()), clock);

    private static MarketSnapshot Market(int id, long sequence) =>
        new(id, $"market-{id}", $"Will market {id} resolve Yes?", "", "Testing", MarketStatus.Open, Start.AddDays(30), 100m, 0m, 0m, sequence, sequence);

    private static TradeView Trade(int marketId, long sequence, int accountId, decimal amount, decimal shares, decimal yesPriceAfter, DateTimeOffset at,
        TradeAction action = TradeAction.Buy) =>
        new(sequence, marketId, accountId, Side.Yes, action, shares, amount, 0.5m, yesPriceAfter, sequence, at);

    private sealed class TestClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
