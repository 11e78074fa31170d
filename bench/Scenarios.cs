using MarketBlazor.Bench.Reporting;
using MarketBlazor.Bench.Runs;

namespace MarketBlazor.Bench;

/// <summary>
/// The bench's scenarios, run from the command line (Program; the test suite's smoke run starts
/// it as a process at <see cref="BenchSize.Tiny"/>). Each starts what it needs (a private
/// PostgreSQL cluster, the app as a separate process) and stops it again, also on failure.
/// </summary>
public static class Scenarios
{
    private static readonly Dictionary<string, Func<ScenarioContext, Task>> All = new()
    {
        ["trades"] = TradesScenario.RunAsync,
        ["hot"] = HotScenario.RunAsync,
        ["http"] = HttpScenario.RunAsync,
        ["pooling"] = PoolingScenario.RunAsync,
        ["fanout"] = FanoutScenario.RunAsync,
        ["seed"] = SeedScenario.RunAsync,
    };

    public static IReadOnlyCollection<string> Names => All.Keys;

    /// <exception cref="ArgumentException"><paramref name="name"/> is not a scenario.</exception>
    public static async Task<ScenarioResult> RunAsync(string name, BenchSize size, BenchOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (!All.TryGetValue(name, out var run))
            throw new ArgumentException($"Unknown scenario '{name}'; expected one of: {string.Join(", ", Names)}.", nameof(name));
        var context = new ScenarioContext(name, size, options ?? new BenchOptions(), cancellationToken);
        await run(context);
        return context.Result();
    }
}
