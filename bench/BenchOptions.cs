namespace MarketBlazor.Bench;

/// <summary>How to run a scenario besides its size.</summary>
/// <param name="ChartDirectory">Where to write PNG charts; none are drawn when null.</param>
/// <param name="Log">Progress lines (the console for the CLI).</param>
/// <param name="Circuits">The fanout scenario's circuit counts instead of its size's (e.g. only 5,000, to chase a failure there).</param>
public sealed record BenchOptions(string? ChartDirectory = null, Action<string>? Log = null, IReadOnlyList<int>? Circuits = null);
