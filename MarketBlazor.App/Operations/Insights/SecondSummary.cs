namespace MarketBlazor.App.Operations.Insights;

/// <summary>What one second of a <see cref="RollingWindow"/> holds.</summary>
/// <param name="Second">Unix time, whole seconds.</param>
/// <param name="Count">Events counted in that second (counter increments, or samples taken).</param>
/// <param name="Sorted">The samples kept for that second, ascending (at most the window's cap).</param>
public sealed record SecondSummary(long Second, long Count, IReadOnlyList<double> Sorted)
{
    public double? Percentile(double fraction) => Insights.Percentile.NearestRank(Sorted, fraction);
}
