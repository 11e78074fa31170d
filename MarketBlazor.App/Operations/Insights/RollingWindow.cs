namespace MarketBlazor.App.Operations.Insights;

/// <summary>
/// The last <see cref="Seconds"/> seconds of one measurement, a bucket per second in a ring: counts
/// and, for histograms, the samples themselves (up to a cap per second, so a burst costs bounded
/// memory; the count stays exact). Thread-safe; a sample older than the window is dropped.
/// </summary>
public sealed class RollingWindow
{
    private readonly Bucket[] buckets;
    private readonly int samplesPerSecond;
    private readonly Lock gate = new();

    public RollingWindow(int seconds, int samplesPerSecond = 5_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seconds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samplesPerSecond);
        buckets = Enumerable.Range(0, seconds).Select(_ => new Bucket()).ToArray();
        this.samplesPerSecond = samplesPerSecond;
    }

    public int Seconds => buckets.Length;

    /// <summary>Counts <paramref name="increment"/> events in <paramref name="second"/> (a counter's measurement).</summary>
    public void Count(long second, long increment)
    {
        lock (gate)
        {
            if (BucketFor(second) is { } bucket) bucket.Count += increment;
        }
    }

    /// <summary>Keeps one sample in <paramref name="second"/> (a histogram's measurement); it counts as one event.</summary>
    public void Sample(long second, double value)
    {
        lock (gate)
        {
            if (BucketFor(second) is not { } bucket) return;
            bucket.Count++;
            if (bucket.Samples.Count < samplesPerSecond) bucket.Samples.Add(value);
        }
    }

    /// <summary>The <see cref="Seconds"/> seconds up to and including <paramref name="now"/>, oldest first; a quiet second is empty.</summary>
    public IReadOnlyList<SecondSummary> Summaries(long now)
    {
        var summaries = new SecondSummary[buckets.Length];
        lock (gate)
        {
            for (var i = 0; i < buckets.Length; i++)
            {
                var second = now - buckets.Length + 1 + i;
                var bucket = buckets[Slot(second)];
                summaries[i] = bucket.Second == second
                    ? new SecondSummary(second, bucket.Count, bucket.Samples.Order().ToArray())
                    : new SecondSummary(second, 0, []);
            }
        }
        return summaries;
    }

    /// <summary>The bucket for <paramref name="second"/>, emptied if it last held an older second; null if that second has left the window.</summary>
    private Bucket? BucketFor(long second)
    {
        var bucket = buckets[Slot(second)];
        if (bucket.Second == second) return bucket;
        if (bucket.Second > second) return null;
        bucket.Second = second;
        bucket.Count = 0;
        bucket.Samples.Clear();
        return bucket;
    }

    private int Slot(long second) => (int)(((second % buckets.Length) + buckets.Length) % buckets.Length);

    private sealed class Bucket
    {
        public long Second = long.MinValue;
        public long Count;
        public readonly List<double> Samples = [];
    }
}
