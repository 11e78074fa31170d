using MarketBlazor.Bench.Infrastructure;
using MarketBlazor.Bench.Load;
using MarketBlazor.Bench.Reporting;
using MarketBlazor.Data;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.Bench.Runs;

/// <summary>
/// The same spread load through the trade service with the app's pooled context factory and with
/// a new context per order (AddDbContext style). Reports pooled ÷ new orders/s.
/// </summary>
internal static class PoolingScenario
{
    private const double Slippage = 0.05;

    public static async Task RunAsync(ScenarioContext context)
    {
        int[] levels = context.BySize<int[]>([4], [8, 32], [8, 32]);
        var headline = levels[0];
        await using var fixture = await TradeFixture.StartAsync(context, markets: context.BySize(50, 1000, 1000), traders: levels.Max());
        var factories = new (string Name, IDbContextFactory<MarketDbContext> Contexts)[]
        {
            ("pooled (AddPooledDbContextFactory)", MarketDbOptions.PooledFactory(fixture.ConnectionString)),
            ("new context per order (AddDbContext)", new NewContextPerOrder(MarketDbOptions.For(fixture.ConnectionString))),
        };

        foreach (var (_, contexts) in factories) await fixture.WarmUpAppAsync(contexts);
        var runs = factories.ToDictionary(f => f.Name, _ => levels.ToDictionary(c => c, _ => new List<Measurement>()));
        for (var repetition = 1; repetition <= context.Repetitions; repetition++)
        {
            foreach (var clients in levels)
            {
                foreach (var (name, contexts) in factories)
                {
                    var run = await fixture.RunAppAsync(contexts, clients, hot: false, Slippage);
                    runs[name][clients].Add(run);
                    context.Log($"run {repetition}/{context.Repetitions}, {clients} clients, {name}: {Cells.Rate(run.OrdersPerSecond)} orders/s");
                }
            }
        }

        var table = new ResultTable($"Spread load, {fixture.Measured.TotalSeconds:0} s per run, median of {context.Repetitions}",
            "clients", "context", "orders/s", "p50 ms", "p99 ms", "pooled / new");
        var medians = runs.ToDictionary(r => r.Key, r => r.Value.ToDictionary(l => l.Key, l => Measurement.Median(l.Value)));
        var (pooledName, newName) = (factories[0].Name, factories[1].Name);
        foreach (var clients in levels)
        {
            var ratio = medians[pooledName][clients].OrdersPerSecond / medians[newName][clients].OrdersPerSecond;
            foreach (var (name, _) in factories)
            {
                var m = medians[name][clients];
                table.Add(clients.ToString(), name, Cells.Rate(m.OrdersPerSecond), Cells.Ms(m.P50), Cells.Ms(m.P99), name == pooledName ? Cells.Ratio(ratio) : "");
            }
            context.Figure($"pooled_orders_per_s_c{clients}", medians[pooledName][clients].OrdersPerSecond);
            context.Figure($"new_context_orders_per_s_c{clients}", medians[newName][clients].OrdersPerSecond);
            context.Figure($"ratio_c{clients}", ratio);
        }
        context.Add(table);
        context.Figure("ratio", medians[pooledName][headline].OrdersPerSecond / medians[newName][headline].OrdersPerSecond);

        context.Chart("throughput", path => Charts.Bars(path, $"Pooled vs new context per order (median of {context.Repetitions})",
            "clients", "orders per second", levels.Select(c => c.ToString()).ToList(),
            factories.Select(f => (f.Name, (IReadOnlyList<double>)levels.Select(c => medians[f.Name][c].OrdersPerSecond).ToList())).ToList()));
    }
}
