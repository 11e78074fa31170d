using System.Collections.Immutable;
using MarketBlazor.Data.Trading;

namespace MarketBlazor.App.Live;

/// <summary>
/// One market on the board at one sequence: immutable, replaced whole on each change, so a reader
/// holding it never needs a lock. Everything a board row shows is here, computed once per version
/// (the sparkline) or once per version and time window (the 1h/24h change), not once per render.
/// </summary>
public sealed class BoardMarket
{
    public const int SparklinePoints = 40;

    public static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    public static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private PriceChangeWindow? hour;
    private PriceChangeWindow? day;

    private BoardMarket(MarketSnapshot snapshot, PriceHistory history, ImmutableArray<TradeView> recent)
    {
        Snapshot = snapshot;
        History = history;
        Recent = recent;
        Sparkline = history.Count <= SparklinePoints ? history : history.LastPoints(SparklinePoints);
    }

    public static BoardMarket Listed(MarketSnapshot snapshot, DateTimeOffset listedAt) =>
        new(snapshot, PriceHistory.Starting(new PricePoint(listedAt, 0.5m, 0)), []);

    /// <summary>A market read back from the database: its last price points and trades, oldest first (the listing point is added here).</summary>
    public static BoardMarket Loaded(MarketSnapshot snapshot, DateTimeOffset listedAt, IReadOnlyList<PricePoint> points, IReadOnlyList<TradeView> recent) =>
        new(snapshot, PriceHistory.Of([new PricePoint(listedAt, 0.5m, 0), .. points]), [.. recent]);

    public MarketSnapshot Snapshot { get; }

    public int Id => Snapshot.Id;

    public long Sequence => Snapshot.Sequence;

    public PriceHistory History { get; }

    /// <summary>The last trades, oldest first, at most <see cref="MarketBoard.RecentTradesKept"/>.</summary>
    public ImmutableArray<TradeView> Recent { get; }

    /// <summary>The last <see cref="SparklinePoints"/> price points, oldest first.</summary>
    public IReadOnlyList<PricePoint> Sparkline { get; }

    public BoardMarket With(MarketSnapshot snapshot) => new(snapshot, History, Recent);

    public BoardMarket Recorded(MarketSnapshot snapshot, TradeView trade)
    {
        var recent = Recent.Length < MarketBoard.RecentTradesKept ? Recent.Add(trade) : Recent.RemoveAt(0).Add(trade);
        return new BoardMarket(snapshot, History.Append(new PricePoint(trade.ExecutedAt, trade.YesPriceAfter, trade.Sequence)), recent);
    }

    /// <summary>Yes price now minus the Yes price <paramref name="ago"/> before <paramref name="now"/>.</summary>
    public decimal Change(TimeSpan ago, DateTimeOffset now)
    {
        if (ago == Hour) return Cached(ref hour, ago, now);
        if (ago == Day) return Cached(ref day, ago, now);
        return PriceChangeWindow.Of(History, ago, now).Value;
    }

    // Racing readers may both compute a window; either result is right, and the last one stays.
    private decimal Cached(ref PriceChangeWindow? window, TimeSpan ago, DateTimeOffset now)
    {
        var current = Volatile.Read(ref window);
        if (current is null || !current.Covers(now))
        {
            current = PriceChangeWindow.Of(History, ago, now);
            Volatile.Write(ref window, current);
        }
        return current.Value;
    }
}
