namespace MarketBlazor.App.Operations.Insights;

/// <summary>The insights page's charts: one value per second of the window, oldest first (latencies in milliseconds, 0 for a quiet second).</summary>
public sealed record LiveMetricsSnapshot(
    IReadOnlyList<DateTimeOffset> Seconds,
    IReadOnlyList<double> OrdersPerSecond,
    IReadOnlyList<double> FilledPerSecond,
    IReadOnlyList<double> LatencyP50,
    IReadOnlyList<double> LatencyP95,
    IReadOnlyList<double> LatencyP99,
    IReadOnlyList<double> FanoutLagP95,
    long CircuitsOpen);
