namespace MarketBlazor.App.Simulation;

/// <summary>The most recent order latencies, for p50/p99 that follow the current load rather than the whole run.</summary>
internal sealed class LatencyWindow(int capacity = 2048)
{
    private readonly double[] samples = new double[capacity];
    private readonly Lock gate = new();
    private int count;
    private int next;

    public void Add(TimeSpan latency)
    {
        lock (gate)
        {
            samples[next] = latency.TotalMilliseconds;
            next = (next + 1) % samples.Length;
            count = Math.Min(count + 1, samples.Length);
        }
    }

    public (double P50, double P99) Percentiles()
    {
        double[] sorted;
        lock (gate) sorted = samples[..count];
        if (sorted.Length == 0) return (0, 0);
        Array.Sort(sorted);
        return (sorted[(int)(0.50 * (sorted.Length - 1))], sorted[(int)(0.99 * (sorted.Length - 1))]);
    }
}
