namespace MarketBlazor.Bench;

/// <summary>How to run a scenario besides its size.</summary>
/// <param name="ChartDirectory">Where to write PNG charts; none are drawn when null.</param>
/// <param name="Log">Progress lines (the console for the CLI, the test output in the smoke test).</param>
public sealed record BenchOptions(string? ChartDirectory = null, Action<string>? Log = null);
