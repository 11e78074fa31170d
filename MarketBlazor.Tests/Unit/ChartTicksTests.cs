using MarketBlazor.App.Components.Shared;

namespace MarketBlazor.Tests.Unit;

public class ChartTicksTests
{
    [Theory]
    [InlineData(0.02, 0.97, new[] { 0, 25, 50, 75, 100 })]
    [InlineData(0.13, 0.85, new[] { 0, 25, 50, 75, 100 })]
    [InlineData(0.31, 0.62, new[] { 30, 40, 50, 60, 70 })]
    [InlineData(0.44, 0.56, new[] { 40, 45, 50, 55, 60 })]
    [InlineData(0.90, 1.00, new[] { 90, 95, 100 })]
    [InlineData(0.00, 0.08, new[] { 0, 5, 10 })]
    public void Percentage_levels_are_round_and_cover_the_range(double low, double high, int[] expectedPercent)
    {
        var levels = ChartTicks.Percent((decimal)low, (decimal)high);

        Assert.Equal(expectedPercent.Select(p => p / 100m), levels);
        Assert.True(levels[0] <= (decimal)low && levels[^1] >= (decimal)high);
    }

    [Fact]
    public void An_hour_gets_ten_minute_ticks_on_the_clock()
    {
        var from = new DateTimeOffset(2026, 12, 1, 13, 07, 30, TimeSpan.Zero);

        var ticks = ChartTicks.Time(from, from.AddHours(1));

        Assert.Equal(["13:10", "13:20", "13:30", "13:40", "13:50", "14:00"], ticks.Select(t => t.Label));
        Assert.All(ticks, t => Assert.Equal(0, t.At.Minute % 10));
    }

    [Fact]
    public void A_day_gets_hour_ticks_and_midnight_is_named_by_its_date()
    {
        var from = new DateTimeOffset(2026, 12, 1, 13, 7, 0, TimeSpan.Zero);

        var ticks = ChartTicks.Time(from, from.AddDays(1));

        Assert.Equal(["15:00", "18:00", "21:00", "2 Dec", "03:00", "06:00", "09:00", "12:00"], ticks.Select(t => t.Label));
    }

    [Fact]
    public void A_week_gets_one_tick_per_day_at_midnight_utc()
    {
        var from = new DateTimeOffset(2026, 11, 24, 13, 7, 0, TimeSpan.Zero);

        var ticks = ChartTicks.Time(from, from.AddDays(7));

        Assert.Equal(["25 Nov", "26 Nov", "27 Nov", "28 Nov", "29 Nov", "30 Nov", "1 Dec"], ticks.Select(t => t.Label));
        Assert.All(ticks, t => Assert.Equal(TimeSpan.Zero, t.At.UtcDateTime.TimeOfDay));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(24)]
    [InlineData(24 * 7)]
    [InlineData(24 * 45)]
    [InlineData(24 * 800)]
    public void Every_span_gets_a_few_ticks_and_never_a_crowd(int hours)
    {
        var to = new DateTimeOffset(2026, 12, 1, 22, 0, 0, TimeSpan.Zero);

        var ticks = ChartTicks.Time(to.AddHours(-hours), to);

        Assert.InRange(ticks.Count, 2, ChartTicks.MaxTimeTicks);
        Assert.All(ticks, t => Assert.InRange(t.At, to.AddHours(-hours), to));
    }

    [Fact]
    public void An_empty_span_has_no_ticks() =>
        Assert.Empty(ChartTicks.Time(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch));
}
