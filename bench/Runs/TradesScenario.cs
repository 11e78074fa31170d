using MarketBlazor.Data;
using MarketBlazor.Bench.Infrastructure;
using MarketBlazor.Bench.Load;
using MarketBlazor.Bench.Reporting;

namespace MarketBlazor.Bench.Runs;

/// <summary>
/// Trade throughput against PostgreSQL's own limit: the app's trade service in-process versus
/// pgbench replaying the SQL of one order, at 1, 8 and 32 clients over 1,000 markets.
/// Goal: at 8 clients the app reaches at least 0.8 × pgbench's transactions/s.
/// </summary>
internal static class TradesScenario
{
    public const double Goal = 0.8;
    private const double Slippage = 0.05;

    public static async Task RunAsync(ScenarioContext context)
    {
        int[] levels = context.BySize<int[]>([1, 4], [1, 8, 32], [1, 8, 32]);
        var headline = context.BySize(4, 8, 8);
        var markets = context.BySize(50, 1000, 1000);
        await using var fixture = await TradeFixture.StartAsync(context, markets, levels.Max());
        var contexts = MarketDbOptions.PooledFactory(fixture.ConnectionString);
        await fixture.WarmUpAppAsync(contexts);

        var app = levels.ToDictionary(c => c, _ => new List<Measurement>());
        var pgbench = levels.ToDictionary(c => c, _ => new List<Measurement>());
        for (var repetition = 1; repetition <= context.Repetitions; repetition++)
        {
            foreach (var clients in levels)
            {
                // Interleaved, so noise from whatever else runs on the machine falls on both sides alike.
                var a = await fixture.RunAppAsync(contexts, clients, hot: false, Slippage);
                var p = await fixture.RunPgbenchAsync(clients, hot: false, checkConflicts: false);
                app[clients].Add(a);
                pgbench[clients].Add(p);
                context.Log($"run {repetition}/{context.Repetitions}, {clients} clients: app {Cells.Rate(a.OrdersPerSecond)} orders/s, pgbench {Cells.Rate(p.OrdersPerSecond)} tx/s");
            }
        }

        var table = new ResultTable($"Orders over {markets:N0} markets, {fixture.Measured.TotalSeconds:0} s per run, median of {context.Repetitions}",
            "clients", "app orders/s", "app p50 ms", "app p99 ms", "app filled", "pgbench tx/s", "pgbench p50 ms", "pgbench p99 ms", "pgbench committed", "app / pgbench");
        var cpuTable = new ResultTable("CPU per order (µs), same runs: the client process, then PostgreSQL",
            "clients", "app: bench process", "app: postgres", "app: total", "pgbench: pgbench", "pgbench: postgres", "pgbench: total");
        var medians = levels.ToDictionary(c => c, c => (App: Measurement.Median(app[c]), Pgbench: Measurement.Median(pgbench[c])));
        foreach (var clients in levels)
        {
            var (a, p) = medians[clients];
            var ratio = a.OrdersPerSecond / p.OrdersPerSecond;
            table.Add(clients.ToString(), Cells.Rate(a.OrdersPerSecond), Cells.Ms(a.P50), Cells.Ms(a.P99), Cells.Percent(a.AcceptanceRate),
                Cells.Rate(p.OrdersPerSecond), Cells.Ms(p.P50), Cells.Ms(p.P99), Cells.Percent(p.AcceptanceRate), Cells.Ratio(ratio));
            context.Figure($"app_orders_per_s_c{clients}", a.OrdersPerSecond);
            context.Figure($"app_p99_ms_c{clients}", a.P99);
            context.Figure($"pgbench_tx_per_s_c{clients}", p.OrdersPerSecond);
            context.Figure($"pgbench_p99_ms_c{clients}", p.P99);
            context.Figure($"ratio_c{clients}", ratio);
            cpuTable.Add(clients.ToString(), Cells.Count(a.ClientCpu), Cells.Count(a.PostgresCpu), Cells.Count(a.ClientCpu + a.PostgresCpu),
                Cells.Count(p.ClientCpu), Cells.Count(p.PostgresCpu), Cells.Count(p.ClientCpu + p.PostgresCpu));
            context.Figure($"app_cpu_us_per_order_c{clients}", a.ClientCpu + a.PostgresCpu);
            context.Figure($"pgbench_cpu_us_per_tx_c{clients}", p.ClientCpu + p.PostgresCpu);
        }
        context.Add(table);
        context.Add(cpuTable);

        var headlineRatio = medians[headline].App.OrdersPerSecond / medians[headline].Pgbench.OrdersPerSecond;
        context.Note($"Goal: at {headline} clients, app ≥ {Goal} × pgbench: {Cells.Ratio(headlineRatio)} — {Cells.Met(headlineRatio >= Goal)}.");
        context.Figure("ratio", headlineRatio);

        context.Chart("throughput", path => Charts.Bars(path, $"Orders/s over {markets:N0} markets (median of {context.Repetitions})",
            "clients", "orders (transactions) per second", levels.Select(c => c.ToString()).ToList(),
            [("app (TradeService, in-process)", levels.Select(c => medians[c].App.OrdersPerSecond).ToList()),
             ("pgbench replaying the same SQL", levels.Select(c => medians[c].Pgbench.OrdersPerSecond).ToList())]));
        context.Chart("latency", path => Charts.LatencyCdf(path, $"Order latency at {headline} clients",
            [("app", medians[headline].App.Latency), ("pgbench", medians[headline].Pgbench.Latency)]));
    }
}
