namespace MarketBlazor.Bench.Load;

/// <summary>A latency distribution in milliseconds: nearest-rank percentiles over every sample, and the samples for charts.</summary>
public sealed class LatencyStats
{
    private readonly double[] sorted;

    public LatencyStats(IEnumerable<double> milliseconds)
    {
        sorted = milliseconds.ToArray();
        Array.Sort(sorted);
    }

    public int Count => sorted.Length;
    public IReadOnlyList<double> Sorted => sorted;
    public double P50 => Percentile(50);
    public double P99 => Percentile(99);
    public double Max => sorted.Length == 0 ? double.NaN : sorted[^1];

    public double Percentile(double percent)
    {
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
