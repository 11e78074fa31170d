using MarketBlazor.Bench.Infrastructure;
using MarketBlazor.Bench.Load;
using MarketBlazor.Bench.Reporting;

namespace MarketBlazor.Bench.Runs;

/// <summary>
/// The spread load through the app's JSON API (the app as a separate process) versus the same
/// load through the trade service in the bench process, in one run. Reports HTTP ÷ in-process.
/// </summary>
internal static class HttpScenario
{
    private const double Slippage = 0.05;

    public static async Task RunAsync(ScenarioContext context)
    {
        int[] levels = context.BySize<int[]>([2], [1, 8, 32], [1, 8, 32]);
        var headline = context.BySize(2, 8, 8);
        var markets = context.BySize(50, 1000, 1000);
        await using var fixture = await TradeFixture.StartAsync(context, markets, levels.Max(), captureSql: false);
        await using var app = await AppProcess.StartAsync(fixture.ConnectionString, context.Log, context.CancellationToken);
        using var http = HttpTrader.Client(app.Address);
        var contexts = BenchContexts.Pooled(fixture.ConnectionString);

        var inProcess = levels.ToDictionary(c => c, _ => new List<Measurement>());
        var overHttp = levels.ToDictionary(c => c, _ => new List<Measurement>());
        for (var repetition = 1; repetition <= context.Repetitions; repetition++)
        {
            foreach (var clients in levels)
            {
                var direct = await fixture.RunAppAsync(contexts, clients, hot: false, Slippage);
                var board = await BenchBoard.LoadAsync(fixture.ConnectionString, context.CancellationToken);
                var trader = new HttpTrader(http, new OrderFlow(board, markets, clients, hot: false, Slippage), board);
                var cpuBefore = app.Cpu;
                var load = await ClosedLoop.RunAsync(clients, fixture.WarmUp, fixture.Measured, trader.PlaceAsync, null, context.CancellationToken);
                var appCpu = (app.Cpu - cpuBefore).TotalMicroseconds / Math.Max(1, load.Orders);
                var viaHttp = Measurement.Of(load) with { ClientCpu = appCpu };
                inProcess[clients].Add(direct);
                overHttp[clients].Add(viaHttp);
                context.Log($"run {repetition}/{context.Repetitions}, {clients} clients: in-process {Cells.Rate(direct.OrdersPerSecond)} orders/s, HTTP {Cells.Rate(viaHttp.OrdersPerSecond)} orders/s");
            }
        }

        var table = new ResultTable($"Orders over {markets:N0} markets, {fixture.Measured.TotalSeconds:0} s per run, median of {context.Repetitions}",
            "clients", "in-process orders/s", "in-process p50 ms", "in-process p99 ms", "HTTP orders/s", "HTTP p50 ms", "HTTP p99 ms", "HTTP filled", "HTTP / in-process");
        var medians = levels.ToDictionary(c => c, c => (Direct: Measurement.Median(inProcess[c]), Http: Measurement.Median(overHttp[c])));
        foreach (var clients in levels)
        {
            var (d, h) = medians[clients];
            var ratio = h.OrdersPerSecond / d.OrdersPerSecond;
            table.Add(clients.ToString(), Cells.Rate(d.OrdersPerSecond), Cells.Ms(d.P50), Cells.Ms(d.P99),
                Cells.Rate(h.OrdersPerSecond), Cells.Ms(h.P50), Cells.Ms(h.P99), Cells.Percent(h.AcceptanceRate), Cells.Ratio(ratio));
            context.Figure($"in_process_orders_per_s_c{clients}", d.OrdersPerSecond);
            context.Figure($"http_orders_per_s_c{clients}", h.OrdersPerSecond);
            context.Figure($"http_p99_ms_c{clients}", h.P99);
            context.Figure($"app_process_cpu_us_per_order_c{clients}", h.ClientCpu);
            context.Figure($"ratio_c{clients}", ratio);
        }
        context.Add(table);
        context.Note("The HTTP figures include the whole app: Kestrel, JSON, the trade service and the live broadcaster " +
            "(the market board and every subscriber are updated after each commit). The app process's CPU per HTTP order: " +
            string.Join(", ", levels.Select(c => $"{c} clients {Cells.Count(medians[c].Http.ClientCpu)} µs")) + ".");
        context.Figure("ratio", medians[headline].Http.OrdersPerSecond / medians[headline].Direct.OrdersPerSecond);

        context.Chart("throughput", path => Charts.Bars(path, $"Orders/s in-process vs over HTTP (median of {context.Repetitions})",
            "clients", "orders per second", levels.Select(c => c.ToString()).ToList(),
            [("in-process (TradeService)", levels.Select(c => medians[c].Direct.OrdersPerSecond).ToList()),
             ("HTTP (POST /api/markets/{id}/orders)", levels.Select(c => medians[c].Http.OrdersPerSecond).ToList())]));
        context.Chart("latency", path => Charts.LatencyCdf(path, $"Order latency at {headline} clients",
            [("in-process", medians[headline].Direct.Latency), ("HTTP", medians[headline].Http.Latency)]));
    }
}
