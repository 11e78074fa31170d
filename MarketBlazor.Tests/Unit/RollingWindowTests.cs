using MarketBlazor.App.Operations.Insights;

namespace MarketBlazor.Tests.Unit;

public class RollingWindowTests
{
    [Fact]
    public void Counts_land_in_their_second_and_quiet_seconds_are_empty()
    {
        var window = new RollingWindow(seconds: 5);
        window.Count(100, 3);
        window.Count(100, 2);
        window.Count(102, 7);

        var summaries = window.Summaries(now: 102);

        Assert.Equal([98L, 99, 100, 101, 102], summaries.Select(s => s.Second));
        Assert.Equal([0L, 0, 5, 0, 7], summaries.Select(s => s.Count));
    }

    [Fact]
    public void Seconds_that_left_the_window_are_forgotten_even_when_their_slot_is_reused()
    {
        var window = new RollingWindow(seconds: 3);
        window.Count(10, 1);
        window.Count(11, 1);
        window.Count(13, 4); // reuses second 10's slot

        var summaries = window.Summaries(now: 14);

        Assert.Equal([12L, 13, 14], summaries.Select(s => s.Second));
        Assert.Equal([0L, 4, 0], summaries.Select(s => s.Count));
    }

    [Fact]
    public void A_sample_for_a_second_already_overwritten_is_dropped()
    {
        var window = new RollingWindow(seconds: 3);
        window.Sample(13, 1.0);

        window.Sample(10, 99.0); // late: second 13 holds its slot now

        Assert.Equal([1.0], window.Summaries(now: 13)[^1].Sorted);
        Assert.All(window.Summaries(now: 13).SkipLast(1), s => Assert.Equal(0, s.Count));
    }

    [Fact]
    public void Percentiles_are_nearest_rank_over_the_seconds_samples()
    {
        var window = new RollingWindow(seconds: 2);
        foreach (var value in Enumerable.Range(1, 100).Reverse()) window.Sample(50, value);

        var second = window.Summaries(now: 50)[^1];

        Assert.Equal(100, second.Count);
        Assert.Equal(50.0, second.Percentile(0.50));
        Assert.Equal(95.0, second.Percentile(0.95));
        Assert.Equal(99.0, second.Percentile(0.99));
        Assert.Equal(100.0, second.Percentile(1.0));
        Assert.Null(window.Summaries(now: 50)[0].Percentile(0.5));
    }

    [Fact]
    public void A_burst_beyond_the_cap_keeps_an_exact_count_and_bounded_samples()
    {
        var window = new RollingWindow(seconds: 1, samplesPerSecond: 10);
        for (var i = 0; i < 25; i++) window.Sample(7, i);

        var second = window.Summaries(now: 7)[0];

        Assert.Equal(25, second.Count);
        Assert.Equal(10, second.Sorted.Count);
    }

    [Theory]
    [InlineData(new double[] { 5 }, 0.5, 5)]
    [InlineData(new double[] { 1, 2 }, 0.5, 1)]
    [InlineData(new double[] { 1, 2 }, 0.51, 2)]
    [InlineData(new double[] { 1, 2, 3, 4 }, 0.99, 4)]
    public void Nearest_rank_picks_the_smallest_sample_covering_the_fraction(double[] sorted, double fraction, double expected) =>
        Assert.Equal(expected, Percentile.NearestRank(sorted, fraction));

    [Fact]
    public void A_fraction_outside_zero_to_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentile.NearestRank([1.0], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentile.NearestRank([1.0], 1.5));
    }
}
