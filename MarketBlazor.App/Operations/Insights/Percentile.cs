namespace MarketBlazor.App.Operations.Insights;

public static class Percentile
{
    /// <summary>
    /// The nearest-rank percentile of <paramref name="sorted"/> (ascending): the smallest sample with at
    /// least <paramref name="fraction"/> of the samples at or below it. Null when there are no samples.
    /// </summary>
    public static double? NearestRank(IReadOnlyList<double> sorted, double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(fraction, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1);
        if (sorted.Count == 0) return null;
        var rank = (int)Math.Ceiling(fraction * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
