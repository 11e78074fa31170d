using MarketBlazor.Data;
using MarketBlazor.Bench.Infrastructure;
using MarketBlazor.Bench.Load;
using MarketBlazor.Bench.Reporting;

namespace MarketBlazor.Bench.Runs;

/// <summary>
/// The spread load through the app's JSON API (the app as a separate process) versus the same
/// load through the trade service in the bench process, in one run. Reports HTTP ÷ in-process.
/// At the headline concurrency it also runs a second app with cross-instance NOTIFY off
/// (Live:CrossInstance=false), to price what the notifications cost (DESIGN §5). Each of the
/// three writers (the bench's trade service, each app) trades its own third of the markets: an
/// app's board that saw another writer's trades would spend the run repairing gaps.
/// </summary>
internal static class HttpScenario
{
    private const double Slippage = 0.05;

    public static async Task RunAsync(ScenarioContext context)
    {
        int[] levels = context.BySize<int[]>([2], [1, 8, 32], [1, 8, 32]);
        var headline = context.BySize(2, 8, 8);
        var markets = context.BySize(50, 1000, 1000);
        await using var fixture = await TradeFixture.StartAsync(context, 3 * markets, levels.Max(), captureSql: false);
        await using var app = await AppProcess.StartAsync(fixture.ConnectionString, context.Log, context.CancellationToken);
        await using var quietApp = await AppProcess.StartAsync(fixture.ConnectionString, context.Log, context.CancellationToken,
            new Dictionary<string, string> { ["Live__CrossInstance"] = "false" });
        using var http = HttpTrader.Client(app.Address);
        using var quietHttp = HttpTrader.Client(quietApp.Address);
        var contexts = MarketDbOptions.PooledFactory(fixture.ConnectionString);

        await fixture.WarmUpAppAsync(contexts, markets);
        await WarmUpHttpAsync(fixture, http, markets, first: markets + 1);
        await WarmUpHttpAsync(fixture, quietHttp, markets, first: 2 * markets + 1);
        var inProcess = levels.ToDictionary(c => c, _ => new List<Measurement>());
        var overHttp = levels.ToDictionary(c => c, _ => new List<Measurement>());
        var withoutNotify = new List<Measurement>();
        for (var repetition = 1; repetition <= context.Repetitions; repetition++)
        {
            foreach (var clients in levels)
            {
                var direct = await fixture.RunAppAsync(contexts, clients, hot: false, Slippage, markets);
                var viaHttp = await RunHttpAsync(context, fixture, app, http, markets, clients, first: markets + 1);
                inProcess[clients].Add(direct);
                overHttp[clients].Add(viaHttp);
                context.Log($"run {repetition}/{context.Repetitions}, {clients} clients: in-process {Cells.Rate(direct.OrdersPerSecond)} orders/s, HTTP {Cells.Rate(viaHttp.OrdersPerSecond)} orders/s");
                if (clients != headline) continue;
                var quiet = await RunHttpAsync(context, fixture, quietApp, quietHttp, markets, clients, first: 2 * markets + 1);
                withoutNotify.Add(quiet);
                context.Log($"run {repetition}/{context.Repetitions}, {clients} clients: HTTP without NOTIFY {Cells.Rate(quiet.OrdersPerSecond)} orders/s");
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

        var notifyOff = Measurement.Median(withoutNotify);
        var notifyOn = medians[headline].Http;
        var notifyTable = new ResultTable($"Cross-instance NOTIFY at {headline} clients, HTTP, same runs", "app", "orders/s", "p50 ms", "p99 ms", "app CPU µs / order");
        notifyTable.Add("NOTIFY on (default)", Cells.Rate(notifyOn.OrdersPerSecond), Cells.Ms(notifyOn.P50), Cells.Ms(notifyOn.P99), Cells.Count(notifyOn.ClientCpu));
        notifyTable.Add("NOTIFY off (Live:CrossInstance=false)", Cells.Rate(notifyOff.OrdersPerSecond), Cells.Ms(notifyOff.P50), Cells.Ms(notifyOff.P99), Cells.Count(notifyOff.ClientCpu));
        context.Add(notifyTable);
        context.Figure("http_no_notify_orders_per_s", notifyOff.OrdersPerSecond);
        context.Figure("notify_ratio", notifyOn.OrdersPerSecond / notifyOff.OrdersPerSecond);
        context.Note("The HTTP figures include the whole app: Kestrel, JSON, the trade service and the live broadcaster " +
            "(the market board and every subscriber are updated after each commit). The app process's CPU per HTTP order: " +
            string.Join(", ", levels.Select(c => $"{c} clients {Cells.Count(medians[c].Http.ClientCpu)} µs")) + ".");
        context.Figure("ratio", medians[headline].Http.OrdersPerSecond / medians[headline].Direct.OrdersPerSecond);

        context.Chart("throughput", path => Charts.Bars(path, $"Orders/s in-process vs over HTTP (median of {context.Repetitions})",
            "clients", "orders per second", levels.Select(c => c.ToString()).ToList(),
            [("in-process (TradeService)", levels.Select(c => medians[c].Direct.OrdersPerSecond).ToList()),
             ("HTTP (POST /api/markets/{id}/orders)", levels.Select(c => medians[c].Http.OrdersPerSecond).ToList())]));
        context.Chart("latency", path => Charts.LatencyCdf(path, $"Order latency at {headline} clients",
            [("in-process", medians[headline].Direct.Latency), ("HTTP", medians[headline].Http.Latency), ("HTTP, NOTIFY off", notifyOff.Latency)]));
    }

    private static async Task WarmUpHttpAsync(TradeFixture fixture, HttpClient http, int markets, int first)
    {
        var board = await BenchBoard.LoadAsync(fixture.ConnectionString, CancellationToken.None);
        await fixture.WarmUpProcessAsync(new HttpTrader(http, fixture.WarmUpFlow(board, markets, first), board).PlaceAsync);
    }

    /// <summary>The spread load over HTTP to <paramref name="app"/>; ClientCpu is the app process's CPU per order.</summary>
    private static async Task<Measurement> RunHttpAsync(
        ScenarioContext context, TradeFixture fixture, AppProcess app, HttpClient http, int markets, int clients, int first)
    {
        var board = await BenchBoard.LoadAsync(fixture.ConnectionString, context.CancellationToken);
        var trader = new HttpTrader(http, new OrderFlow(board, markets, clients, hot: false, Slippage, first), board);
        var cpuBefore = app.Cpu;
        var load = await ClosedLoop.RunAsync(clients, fixture.WarmUp, fixture.Measured, trader.PlaceAsync, null, context.CancellationToken);
        var appCpu = (app.Cpu - cpuBefore).TotalMicroseconds / Math.Max(1, load.Orders);
        return Measurement.Of(load) with { ClientCpu = appCpu };
    }
}
