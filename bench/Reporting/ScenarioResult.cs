namespace MarketBlazor.Bench.Reporting;

/// <summary>What a scenario measured: tables for people, figures for scripts, notes that explain, charts written.</summary>
public sealed record ScenarioResult(
    string Scenario,
    BenchSize Size,
    DateTimeOffset StartedAt,
    TimeSpan Elapsed,
    IReadOnlyList<ResultTable> Tables,
    IReadOnlyList<Figure> Figures,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> Charts)
{
    /// <exception cref="KeyNotFoundException">No figure has that name.</exception>
    public double this[string figure] => Figures.FirstOrDefault(f => f.Name == figure)?.Value
        ?? throw new KeyNotFoundException($"{Scenario} reported no figure '{figure}'.");
}
