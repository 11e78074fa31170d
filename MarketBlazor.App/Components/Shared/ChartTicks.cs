using System.Globalization;

namespace MarketBlazor.App.Components.Shared;

/// <summary>A tick on the time axis: where, and the label a reader expects for that spacing.</summary>
public sealed record TimeTick(DateTimeOffset At, string Label);

/// <summary>
/// Axis ticks a reader can use: percentages on round steps (5, 10 or 25 points, fitted to the range)
/// and times on calendar steps in UTC (minutes for an hour, hours for a day, days for a week).
/// </summary>
public static class ChartTicks
{
    /// <summary>At most this many time ticks: fewer is sparse, more overlap on a phone.</summary>
    public const int MaxTimeTicks = 9;

    private static readonly TimeSpan[] TimeSteps =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(3), TimeSpan.FromHours(6), TimeSpan.FromHours(12),
        TimeSpan.FromDays(1), TimeSpan.FromDays(2), TimeSpan.FromDays(7), TimeSpan.FromDays(14), TimeSpan.FromDays(28),
        TimeSpan.FromDays(91), TimeSpan.FromDays(182), TimeSpan.FromDays(364),
    ];

    /// <summary>
    /// Round price levels covering [<paramref name="low"/>, <paramref name="high"/>] (0–1): 25-point steps for a wide
    /// range (0/25/50/75/100), 10 for a middling one, 5 for a narrow one. The first and last level are the chart's bounds.
    /// </summary>
    public static IReadOnlyList<decimal> Percent(decimal low, decimal high)
    {
        low = Math.Clamp(low, 0, 1);
        high = Math.Clamp(high, low, 1);
        var span = high - low;
        var step = span > 0.5m ? 0.25m : span > 0.2m ? 0.10m : 0.05m;
        var bottom = Math.Floor(low / step) * step;
        var top = Math.Max(Math.Ceiling(high / step) * step, bottom + step);
        if (top > 1)
        {
            top = 1;
            bottom = Math.Min(bottom, 1 - step);
        }
        var levels = new List<decimal>();
        for (var level = bottom; level <= top; level += step) levels.Add(level);
        return levels;
    }

    /// <summary>
    /// Calendar-aligned ticks (UTC) strictly inside [<paramref name="from"/>, <paramref name="to"/>], on the smallest step
    /// that gives at most <see cref="MaxTimeTicks"/>: "14:00" within a day, "3 Dec" for midnights and day steps.
    /// </summary>
    public static IReadOnlyList<TimeTick> Time(DateTimeOffset from, DateTimeOffset to)
    {
        var span = to - from;
        if (span <= TimeSpan.Zero) return [];
        // Fewer than MaxTimeTicks whole steps fit, so at most MaxTimeTicks ticks land strictly inside the span.
        var step = TimeSteps.FirstOrDefault(s => span.Ticks / s.Ticks < MaxTimeTicks, TimeSteps[^1]);
        // Steps are multiples of each other from the Unix epoch (a midnight), so a day step lands on midnights UTC.
        var first = from.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var at = new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + (first / step.Ticks + 1) * step.Ticks, TimeSpan.Zero);
        var ticks = new List<TimeTick>();
        for (; at < to; at += step) ticks.Add(new TimeTick(at, Label(at, step)));
        return ticks;
    }

    private static string Label(DateTimeOffset at, TimeSpan step) =>
        step >= TimeSpan.FromDays(1) || at.UtcDateTime.TimeOfDay == TimeSpan.Zero
            ? at.UtcDateTime.ToString("d MMM", CultureInfo.InvariantCulture)
            : at.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture);
}
