using MarketBlazor.Data;
using MarketBlazor.Bench.Infrastructure;
using MarketBlazor.Bench.Load;
using MarketBlazor.Bench.Reporting;

namespace MarketBlazor.Bench.Runs;

/// <summary>
/// The spread load through the app's JSON API (the app as a separate process) versus the same
/// load through the trade service in the bench process, in one run. Reports HTTP ÷ in-process.
/// HTTP orders are sent as people: each trader has an API key (<see cref="BenchTraders"/>) and the
/// app authenticates it and applies the per-person order limiter, raised so it never binds. At the
/// headline concurrency it also runs, interleaved, (a) the same app's bench-only order endpoint,
/// which does the same work without authentication or the limiter, to price those two, and (b) a
/// second app with cross-instance NOTIFY off (Live:CrossInstance=false), to price the notifications
/// (DESIGN §5), and (c) a third app with telemetry off (Telemetry:Enabled=false), to price metrics.
/// Each of the five writers (the bench's trade service, the app's keyed orders, its baseline orders,
/// the second app, the third app) trades its own fifth of the markets: an app's board that saw
/// another writer's trades would spend the run repairing gaps.
/// </summary>
internal static class HttpScenario
{
    private const double Slippage = 0.05;

    /// <summary>
    /// Both apps run as environment "Benchmark": not Production, so the bench-only baseline endpoint
    /// exists (it is never mapped in Production), and the same for both so only the order path differs.
    /// The order limiter stays on, with limits no closed loop reaches.
    /// </summary>
    private static readonly Dictionary<string, string> AppSettings = new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Benchmark",
        ["RateLimits__OrdersPerSecond"] = "1000000",
        ["RateLimits__OrderBurst"] = "1000000",
        ["RateLimits__ApiReadsPerMinute"] = "1000000",
    };

    public static async Task RunAsync(ScenarioContext context)
    {
        int[] levels = context.BySize<int[]>([2], [1, 8, 32], [1, 8, 32]);
        var headline = context.BySize(2, 8, 8);
        var markets = context.BySize(50, 1000, 1000);
        await using var fixture = await TradeFixture.StartAsync(context, 5 * markets, levels.Max(), captureSql: false);
        var keys = await BenchTraders.GiveKeysAsync(fixture.ConnectionString, Enumerable.Range(1, fixture.Traders).ToList(), context.CancellationToken);
        var keyed = OrderRoute.WithKeys(keys);
        await using var app = await AppProcess.StartAsync(fixture.ConnectionString, context.Log, context.CancellationToken, AppSettings);
        await using var quietApp = await AppProcess.StartAsync(fixture.ConnectionString, context.Log, context.CancellationToken,
            new Dictionary<string, string>(AppSettings) { ["Live__CrossInstance"] = "false" });
        await using var untrackedApp = await AppProcess.StartAsync(fixture.ConnectionString, context.Log, context.CancellationToken,
            new Dictionary<string, string>(AppSettings) { ["Telemetry__Enabled"] = "false" });
        using var http = HttpTrader.Client(app.Address);
        using var untrackedHttp = HttpTrader.Client(untrackedApp.Address);
        using var quietHttp = HttpTrader.Client(quietApp.Address);
        var contexts = MarketDbOptions.PooledFactory(fixture.ConnectionString);
        var (keyedMarkets, quietMarkets, baselineMarkets, untrackedMarkets) = (markets + 1, 2 * markets + 1, 3 * markets + 1, 4 * markets + 1);

        await fixture.WarmUpAppAsync(contexts, markets);
        await WarmUpHttpAsync(fixture, http, keyed, markets, keyedMarkets);
        await WarmUpHttpAsync(fixture, http, OrderRoute.WithoutAuthentication, markets, baselineMarkets);
        await WarmUpHttpAsync(fixture, quietHttp, keyed, markets, quietMarkets);
        await WarmUpHttpAsync(fixture, untrackedHttp, keyed, markets, untrackedMarkets);
        var inProcess = levels.ToDictionary(c => c, _ => new List<Measurement>());
        var overHttp = levels.ToDictionary(c => c, _ => new List<Measurement>());
        var withoutAuthentication = new List<Measurement>();
        var withoutNotify = new List<Measurement>();
        var withoutTelemetry = new List<Measurement>();
        for (var repetition = 1; repetition <= context.Repetitions; repetition++)
        {
            foreach (var clients in levels)
            {
                var direct = await fixture.RunAppAsync(contexts, clients, hot: false, Slippage, markets);
                // At the headline, the key-less baseline runs before the keyed orders every other repetition, so
                // neither side always follows the in-process run (and whatever PostgreSQL is still flushing from it).
                var baselineFirst = clients == headline && repetition % 2 == 0;
                var open = baselineFirst ? await RunBaselineAsync() : null;
                var viaHttp = await RunHttpAsync(context, fixture, app, http, keyed, markets, clients, keyedMarkets);
                inProcess[clients].Add(direct);
                overHttp[clients].Add(viaHttp);
                context.Log($"run {repetition}/{context.Repetitions}, {clients} clients: in-process {Cells.Rate(direct.OrdersPerSecond)} orders/s, HTTP {Cells.Rate(viaHttp.OrdersPerSecond)} orders/s");
                if (clients != headline) continue;
                open ??= await RunBaselineAsync();
                withoutAuthentication.Add(open);
                context.Log($"run {repetition}/{context.Repetitions}, {clients} clients: HTTP without key or limiter {Cells.Rate(open.OrdersPerSecond)} orders/s" +
                    (baselineFirst ? " (ran first)" : ""));
                var quiet = await RunHttpAsync(context, fixture, quietApp, quietHttp, keyed, markets, clients, quietMarkets);
                withoutNotify.Add(quiet);
                context.Log($"run {repetition}/{context.Repetitions}, {clients} clients: HTTP without NOTIFY {Cells.Rate(quiet.OrdersPerSecond)} orders/s");
                var untracked = await RunHttpAsync(context, fixture, untrackedApp, untrackedHttp, keyed, markets, clients, untrackedMarkets);
                withoutTelemetry.Add(untracked);
                context.Log($"run {repetition}/{context.Repetitions}, {clients} clients: HTTP without telemetry {Cells.Rate(untracked.OrdersPerSecond)} orders/s");
            }
        }

        Task<Measurement> RunBaselineAsync() =>
            RunHttpAsync(context, fixture, app, http, OrderRoute.WithoutAuthentication, markets, headline, baselineMarkets);

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

        var authOff = Measurement.Median(withoutAuthentication);
        var authOn = medians[headline].Http;
        var authRatio = authOn.OrdersPerSecond / authOff.OrdersPerSecond;
        var authTable = new ResultTable($"API key authentication and order rate limiter at {headline} clients, same app, same runs, median of {context.Repetitions}",
            "order path", "orders/s", "p50 ms", "p99 ms", "filled", "app CPU µs / order", "with ÷ without");
        authTable.Add("POST /api/markets/{id}/orders, Bearer key + limiter (raised)", Cells.Rate(authOn.OrdersPerSecond), Cells.Ms(authOn.P50), Cells.Ms(authOn.P99),
            Cells.Percent(authOn.AcceptanceRate), Cells.Count(authOn.ClientCpu), Cells.Ratio(authRatio));
        authTable.Add("bench-only endpoint, no key, no limiter", Cells.Rate(authOff.OrdersPerSecond), Cells.Ms(authOff.P50), Cells.Ms(authOff.P99),
            Cells.Percent(authOff.AcceptanceRate), Cells.Count(authOff.ClientCpu), "");
        context.Add(authTable);
        // Each repetition's pair ran back to back, so its ratio is the least disturbed by other work on the machine;
        // CPU per order barely moves when other work steals the cores, throughput does.
        var pairRatios = overHttp[headline].Zip(withoutAuthentication, (on, off) => on.OrdersPerSecond / off.OrdersPerSecond).Order().ToList();
        var cpuRatio = authOff.ClientCpu / authOn.ClientCpu;
        context.Figure("http_no_auth_orders_per_s", authOff.OrdersPerSecond);
        context.Figure("auth_ratio", authRatio);
        context.Figure("auth_pair_ratio_median", pairRatios[pairRatios.Count / 2]);
        context.Figure("auth_cpu_ratio", cpuRatio);
        context.Note($"Authentication runs at {headline} clients, orders/s with key + limiter / without, repetition by repetition: " +
            string.Join("; ", overHttp[headline].Zip(withoutAuthentication, (on, off) =>
                $"{Cells.Rate(on.OrdersPerSecond)} / {Cells.Rate(off.OrdersPerSecond)} = {Cells.Ratio(on.OrdersPerSecond / off.OrdersPerSecond)}")) +
            $". App CPU per order without ÷ with: {Cells.Ratio(cpuRatio)} ({Cells.Count(authOff.ClientCpu)} vs {Cells.Count(authOn.ClientCpu)} µs).");

        var notifyOff = Measurement.Median(withoutNotify);
        var notifyOn = medians[headline].Http;
        var notifyTable = new ResultTable($"Cross-instance NOTIFY at {headline} clients, HTTP, same runs", "app", "orders/s", "p50 ms", "p99 ms", "app CPU µs / order");
        notifyTable.Add("NOTIFY on (default)", Cells.Rate(notifyOn.OrdersPerSecond), Cells.Ms(notifyOn.P50), Cells.Ms(notifyOn.P99), Cells.Count(notifyOn.ClientCpu));
        notifyTable.Add("NOTIFY off (Live:CrossInstance=false)", Cells.Rate(notifyOff.OrdersPerSecond), Cells.Ms(notifyOff.P50), Cells.Ms(notifyOff.P99), Cells.Count(notifyOff.ClientCpu));
        context.Add(notifyTable);
        context.Figure("http_no_notify_orders_per_s", notifyOff.OrdersPerSecond);
        context.Figure("notify_ratio", notifyOn.OrdersPerSecond / notifyOff.OrdersPerSecond);
        var telemetryOff = Measurement.Median(withoutTelemetry);
        var telemetryOn = medians[headline].Http;
        var telemetryRatio = telemetryOn.OrdersPerSecond / telemetryOff.OrdersPerSecond;
        var telemetryTable = new ResultTable($"Telemetry at {headline} clients, HTTP, same runs, median of {context.Repetitions}",
            "app", "orders/s", "p50 ms", "p99 ms", "app CPU µs / order", "on ÷ off");
        telemetryTable.Add("telemetry on (default: metrics, /metrics exporter; no OTLP, so no spans)", Cells.Rate(telemetryOn.OrdersPerSecond),
            Cells.Ms(telemetryOn.P50), Cells.Ms(telemetryOn.P99), Cells.Count(telemetryOn.ClientCpu), Cells.Ratio(telemetryRatio));
        telemetryTable.Add("telemetry off (Telemetry:Enabled=false)", Cells.Rate(telemetryOff.OrdersPerSecond),
            Cells.Ms(telemetryOff.P50), Cells.Ms(telemetryOff.P99), Cells.Count(telemetryOff.ClientCpu), "");
        context.Add(telemetryTable);
        context.Figure("http_no_telemetry_orders_per_s", telemetryOff.OrdersPerSecond);
        context.Figure("telemetry_ratio", telemetryRatio);
        context.Figure("telemetry_cpu_ratio", telemetryOff.ClientCpu / telemetryOn.ClientCpu);
        context.Note($"Telemetry at {headline} clients, orders/s on / off, repetition by repetition: " +
            string.Join("; ", overHttp[headline].Zip(withoutTelemetry, (on, off) =>
                $"{Cells.Rate(on.OrdersPerSecond)} / {Cells.Rate(off.OrdersPerSecond)} = {Cells.Ratio(on.OrdersPerSecond / off.OrdersPerSecond)}")) + ".");
        context.Note("The HTTP figures include the whole app: Kestrel, JSON, the trade service and the live broadcaster " +
            "(the market board and every subscriber are updated after each commit). The app process's CPU per HTTP order: " +
            string.Join(", ", levels.Select(c => $"{c} clients {Cells.Count(medians[c].Http.ClientCpu)} µs")) + ".");
        context.Figure("ratio", medians[headline].Http.OrdersPerSecond / medians[headline].Direct.OrdersPerSecond);

        context.Chart("throughput", path => Charts.Bars(path, $"Orders/s in-process vs over HTTP (median of {context.Repetitions})",
            "clients", "orders per second", levels.Select(c => c.ToString()).ToList(),
            [("in-process (TradeService)", levels.Select(c => medians[c].Direct.OrdersPerSecond).ToList()),
             ("HTTP (POST /api/markets/{id}/orders, API key)", levels.Select(c => medians[c].Http.OrdersPerSecond).ToList())]));
        context.Chart("latency", path => Charts.LatencyCdf(path, $"Order latency at {headline} clients",
            [("in-process", medians[headline].Direct.Latency), ("HTTP, API key", medians[headline].Http.Latency),
             ("HTTP, no key or limiter", authOff.Latency), ("HTTP, NOTIFY off", notifyOff.Latency), ("HTTP, telemetry off", telemetryOff.Latency)]));
    }

    private static async Task WarmUpHttpAsync(TradeFixture fixture, HttpClient http, OrderRoute route, int markets, int first)
    {
        var board = await BenchBoard.LoadAsync(fixture.ConnectionString, CancellationToken.None);
        await fixture.WarmUpProcessAsync(new HttpTrader(http, fixture.WarmUpFlow(board, markets, first), board, route).PlaceAsync);
    }

    /// <summary>The spread load over HTTP to <paramref name="app"/> along <paramref name="route"/>; ClientCpu is the app process's CPU per order.</summary>
    private static async Task<Measurement> RunHttpAsync(
        ScenarioContext context, TradeFixture fixture, AppProcess app, HttpClient http, OrderRoute route, int markets, int clients, int first)
    {
        var board = await BenchBoard.LoadAsync(fixture.ConnectionString, context.CancellationToken);
        var trader = new HttpTrader(http, new OrderFlow(board, markets, clients, hot: false, Slippage, first), board, route);
        var cpuBefore = app.Cpu;
        var load = await ClosedLoop.RunAsync(clients, fixture.WarmUp, fixture.Measured, trader.PlaceAsync, null, context.CancellationToken);
        var appCpu = (app.Cpu - cpuBefore).TotalMicroseconds / Math.Max(1, load.Orders);
        return Measurement.Of(load) with { ClientCpu = appCpu };
    }
}
