using System.Diagnostics.Metrics;
using MarketBlazor.App.Operations.Insights;

namespace MarketBlazor.Tests.Unit;

/// <summary>The insights page's listener on the agreed instrument names, fed by a meter of the test's own.</summary>
public class LiveMetricsTests
{
    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Orders_latency_fanout_lag_and_circuits_reach_the_window_by_instrument_name()
    {
        using var meter = new Meter(LiveMetrics.MeterName);
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(1_000_000));
        using var metrics = new LiveMetrics(clock, m => ReferenceEquals(m, meter));
        metrics.Start();
        var orders = meter.CreateCounter<long>(LiveMetrics.Orders);
        var duration = meter.CreateHistogram<double>(LiveMetrics.OrderDuration, "s");
        var lag = meter.CreateHistogram<double>(LiveMetrics.FanoutLag, "s");
        var circuits = meter.CreateUpDownCounter<long>(LiveMetrics.CircuitsOpen);
        var ignored = meter.CreateCounter<long>("marketblazor.something.else");

        orders.Add(1, new KeyValuePair<string, object?>("outcome", "filled"));
        orders.Add(1, new KeyValuePair<string, object?>("outcome", "stale_quote"));
        orders.Add(1, new KeyValuePair<string, object?>("outcome", "filled"));
        foreach (var seconds in new[] { 0.010, 0.020, 0.030, 0.040 }) duration.Record(seconds);
        lag.Record(0.005);
        circuits.Add(1);
        circuits.Add(1);
        circuits.Add(-1);
        circuits.Add(1);
        ignored.Add(100);
        clock.Now += TimeSpan.FromSeconds(1);
        orders.Add(1, new KeyValuePair<string, object?>("outcome", "filled"));

        var snapshot = metrics.Snapshot();

        Assert.Equal(LiveMetrics.WindowSeconds, snapshot.Seconds.Count);
        Assert.Equal([3.0, 1.0], snapshot.OrdersPerSecond.TakeLast(2));
        Assert.Equal([2.0, 1.0], snapshot.FilledPerSecond.TakeLast(2));
        Assert.Equal(20.0, snapshot.LatencyP50[^2], 6);
        Assert.Equal(40.0, snapshot.LatencyP99[^2], 6);
        Assert.Equal(0.0, snapshot.LatencyP99[^1]);
        Assert.Equal(5.0, snapshot.FanoutLagP95[^2], 6);
        Assert.Equal(2, snapshot.CircuitsOpen);
        Assert.Equal(4.0, snapshot.OrdersPerSecond.Sum());
    }

    [Fact]
    public void An_observable_gauge_of_circuits_is_read_as_the_current_total()
    {
        using var meter = new Meter(LiveMetrics.MeterName);
        var open = 7L;
        meter.CreateObservableGauge(LiveMetrics.CircuitsOpen, () => open);
        using var metrics = new LiveMetrics(TimeProvider.System, m => ReferenceEquals(m, meter));
        metrics.Start();

        Assert.Equal(7, metrics.Snapshot().CircuitsOpen);
        open = 3;
        Assert.Equal(3, metrics.Snapshot().CircuitsOpen);
    }
}
