namespace MarketBlazor.App.Live;

/// <summary>
/// A market's price change over a window, with the span of "now" for which it stays the same: the
/// change only moves when the window's start passes a price point, so it is computed once and
/// reused until then (or until the next trade, which makes a new version of the market).
/// </summary>
public sealed record PriceChangeWindow(decimal Value, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil)
{
    public bool Covers(DateTimeOffset now) => now >= ValidFrom && now < ValidUntil;

    public static PriceChangeWindow Of(PriceHistory history, TimeSpan ago, DateTimeOffset now)
    {
        var index = history.LastIndexAtOrBefore(now - ago);
        var before = Math.Max(index, 0);
        var validFrom = index < 0 ? DateTimeOffset.MinValue : Shift(history[before].At, ago);
        var validUntil = before + 1 < history.Count ? Shift(history[before + 1].At, ago) : DateTimeOffset.MaxValue;
        return new PriceChangeWindow(history.Last.YesPrice - history[before].YesPrice, validFrom, validUntil);
    }

    private static DateTimeOffset Shift(DateTimeOffset at, TimeSpan ago) =>
        at > DateTimeOffset.MaxValue - ago ? DateTimeOffset.MaxValue : at + ago;
}
