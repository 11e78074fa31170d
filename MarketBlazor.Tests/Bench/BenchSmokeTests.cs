using Xunit.Abstractions;

namespace MarketBlazor.Tests.Bench;

/// <summary>
/// Every bench scenario at its tiny size, through the bench's command line as a separate process:
/// each starts its own durable cluster (and the app, for http and fanout), runs for a second or
/// two, must exit 0 and print sane figures. No timing is asserted; this machine's numbers belong
/// in BENCHMARKS.md, not in a test.
/// </summary>
[Trait("Speed", "Slow")]
public class BenchSmokeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Trades_runs_the_app_and_pgbench_and_compares_them()
    {
        var result = await RunAsync("trades");
        Assert.True(result["app_orders_per_s_c1"] > 0);
        Assert.True(result["pgbench_tx_per_s_c1"] > 0);
        Assert.True(result["ratio"] > 0);
    }

    [Fact]
    public async Task Hot_counts_accepted_orders_on_both_sides()
    {
        var result = await RunAsync("hot");
        Assert.True(result["app_accepted_per_s"] > 0);
        Assert.True(result["pgbench_accepted_per_s"] > 0);
        Assert.InRange(result["pgbench_acceptance"], 0, 1);
        Assert.True(result["accepted_ratio"] > 0);
    }

    [Fact]
    public async Task Http_places_orders_through_the_app_process()
    {
        var result = await RunAsync("http");
        Assert.True(result["http_orders_per_s_c2"] > 0);
        Assert.True(result["ratio"] > 0);
    }

    [Fact]
    public async Task Pooling_measures_both_context_factories()
    {
        var result = await RunAsync("pooling");
        Assert.True(result["pooled_orders_per_s_c4"] > 0);
        Assert.True(result["new_context_orders_per_s_c4"] > 0);
    }

    [Fact]
    public async Task Fanout_holds_headless_circuits_and_receives_every_push()
    {
        var result = await RunAsync("fanout");
        Assert.Equal(5, result["board_held_n5"]);
        Assert.Equal(5, result["ping_held_n5"]);
        Assert.True(result["p99_ms"] > 0);
        Assert.True(double.IsFinite(result["kb_per_circuit"]));
    }

    [Fact]
    public async Task Seed_bulk_seeds_and_times_the_ef_baseline()
    {
        var result = await RunAsync("seed");
        Assert.True(result["seed_seconds"] > 0);
        Assert.True(result["ratio"] > 0);
    }

    private async Task<IReadOnlyDictionary<string, double>> RunAsync(string scenario)
    {
        var run = await BenchRun.RunAsync(scenario, output.WriteLine, TimeSpan.FromMinutes(3));
        output.WriteLine(run.Output);
        Assert.True(run.ExitCode == 0, $"bench {scenario} --tiny exited with {run.ExitCode}:\n{run.Progress}");
        return run.Figures;
    }
}
