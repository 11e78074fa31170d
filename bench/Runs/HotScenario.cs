using MarketBlazor.Data;
using MarketBlazor.Bench.Infrastructure;
using MarketBlazor.Bench.Load;
using MarketBlazor.Bench.Reporting;

namespace MarketBlazor.Bench.Runs;

/// <summary>
/// One hot market, 8 clients, 5 % slippage: orders the app fills per second versus what pgbench
/// gets committed replaying the same SQL with its xmin checks (read, then update only if no one
/// wrote in between; roll back otherwise). Goal: the app fills at least 3 × as many per second.
/// </summary>
internal static class HotScenario
{
    public const double Goal = 3;
    private const double Slippage = 0.05;

    public static async Task RunAsync(ScenarioContext context)
    {
        var clients = context.BySize(4, 8, 8);
        await using var fixture = await TradeFixture.StartAsync(context, markets: context.BySize(50, 1000, 1000), traders: clients);
        var contexts = MarketDbOptions.PooledFactory(fixture.ConnectionString);
        await fixture.WarmUpAppAsync(contexts);

        var app = new List<Measurement>();
        var pgbench = new List<Measurement>();
        for (var repetition = 1; repetition <= context.Repetitions; repetition++)
        {
            var a = await fixture.RunAppAsync(contexts, clients, hot: true, Slippage);
            var p = await fixture.RunPgbenchAsync(clients, hot: true, checkConflicts: true);
            app.Add(a);
            pgbench.Add(p);
            context.Log($"run {repetition}/{context.Repetitions}: app {Cells.Rate(a.AcceptedPerSecond)} filled/s, pgbench {Cells.Rate(p.AcceptedPerSecond)} committed/s");
        }
        var (appMedian, pgMedian) = (Measurement.Median(app), Measurement.Median(pgbench));
        var ratio = appMedian.AcceptedPerSecond / pgMedian.AcceptedPerSecond;

        var table = new ResultTable($"Market 1 only, {clients} clients, slippage {Slippage:0%}, {fixture.Measured.TotalSeconds:0} s per run, median of {context.Repetitions}",
            "system", "orders/s", "accepted/s", "accepted", "p50 ms", "p99 ms", "not accepted");
        table.Add("app (per-market queue, then xmin)", Cells.Rate(appMedian.OrdersPerSecond), Cells.Rate(appMedian.AcceptedPerSecond),
            Cells.Percent(appMedian.AcceptanceRate), Cells.Ms(appMedian.P50), Cells.Ms(appMedian.P99), appMedian.Rejections);
        table.Add("pgbench (read xmin, then conditional update)", Cells.Rate(pgMedian.OrdersPerSecond), Cells.Rate(pgMedian.AcceptedPerSecond),
            Cells.Percent(pgMedian.AcceptanceRate), Cells.Ms(pgMedian.P50), Cells.Ms(pgMedian.P99), pgMedian.Rejections);
        context.Add(table);
        context.Note($"Goal: app accepted/s ≥ {Goal} × pgbench accepted/s: {Cells.Ratio(ratio)} — {Cells.Met(ratio >= Goal)}.");

        context.Figure("app_orders_per_s", appMedian.OrdersPerSecond);
        context.Figure("app_accepted_per_s", appMedian.AcceptedPerSecond);
        context.Figure("app_acceptance", appMedian.AcceptanceRate);
        context.Figure("pgbench_tx_per_s", pgMedian.OrdersPerSecond);
        context.Figure("pgbench_accepted_per_s", pgMedian.AcceptedPerSecond);
        context.Figure("pgbench_acceptance", pgMedian.AcceptanceRate);
        context.Figure("accepted_ratio", ratio);

        context.Chart("throughput", path => Charts.Bars(path, $"One hot market, {clients} clients (median of {context.Repetitions})",
            "", "per second", ["orders (transactions) sent", "orders accepted (trades committed)"],
            [("app", [appMedian.OrdersPerSecond, appMedian.AcceptedPerSecond]),
             ("pgbench with xmin check", [pgMedian.OrdersPerSecond, pgMedian.AcceptedPerSecond])]));
        context.Chart("latency", path => Charts.LatencyCdf(path, $"Order latency, one hot market, {clients} clients",
            [("app", appMedian.Latency), ("pgbench", pgMedian.Latency)]));
    }
}
