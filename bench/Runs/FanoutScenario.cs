using System.Net.Http.Headers;
using MarketBlazor.Bench.Circuits;
using MarketBlazor.Bench.Infrastructure;
using MarketBlazor.Bench.Load;
using MarketBlazor.Bench.Reporting;
using MarketBlazor.Data.Seeding;
using MarketBlazor.Data.Trading;
using Npgsql;

namespace MarketBlazor.Bench.Runs;

/// <summary>
/// Live fan-out: N headless circuits on the markets board while one market trades at a fixed
/// rate through the app's API, against the same N on a one-line live page (the floor) in the
/// same app process. Goals: board p99 ≤ 100 ms at 1,000 circuits, 5,000 circuits held,
/// ≤ 500 KB of server heap per circuit.
/// </summary>
internal static class FanoutScenario
{
    public const double P99GoalMs = 100;
    public const double KbGoal = 500;
    private const int TickerAccount = 1;

    /// <summary>How long one ticker order may take: with thousands of circuits the app's CPU goes to rendering.</summary>
    private static readonly TimeSpan OrderTimeout = TimeSpan.FromMinutes(2);

    private static readonly (string Name, string Path, Func<MarketState, string> PushText)[] Pages =
    [
        ("ping", "/diagnostics/live-ping", Ticker.PingText),
        ("board", "/", Ticker.PriceText),
    ];

    public static async Task RunAsync(ScenarioContext context)
    {
        var levels = context.Circuits?.ToArray() ?? context.BySize<int[]>([5], [50, 200], [100, 1000, 5000]);
        var headline = context.BySize(5, 200, 1000) is var sized && levels.Contains(sized) ? sized : levels.Max();
        var orders = context.BySize(4, 10, 30);
        var interval = TimeSpan.FromMilliseconds(context.BySize(250, 500, 500));
        var seed = new SeedOptions
        {
            Users = context.BySize(50, 300, 1000),
            Markets = context.BySize(20, 60, 200),
            Trades = context.BySize(500, 5_000, 20_000),
        };

        await using var cluster = await BenchCluster.StartAsync(context.Log, context.CancellationToken);
        var connectionString = await cluster.CreateDatabaseAsync("fanout", context.CancellationToken);
        context.Log($"seeding {seed.Users:N0} users, {seed.Markets} markets, {seed.Trades:N0} trades");
        await new BulkSeeder(connectionString).SeedAsync(seed, null, context.CancellationToken);
        await FundTickerAsync(connectionString, context.CancellationToken);
        // Orders need an API key (Authorization: Bearer), and /diagnostics/memory an admin's: the ticker trades as an admin.
        var tickerKey = new AuthenticationHeaderValue("Bearer",
            (await BenchTraders.GiveKeysAsync(connectionString, [TickerAccount], context.CancellationToken, admins: true))[TickerAccount]);
        var runs = new List<FanoutRun>();
        // A market of its own per run, so every price text the ticker produces is new: the busiest one not yet
        // traded, read again before each run. The board shows its first page of rows sorted by volume, and a
        // trade in a market nobody sees pushes no price; markets traded by earlier runs gain volume and climb,
        // so the next pick is at most as far down the board as the number of runs before it.
        var used = new HashSet<int>();
        async Task<int> NextMarketAsync()
        {
            var pick = (await MarketsByVolumeAsync(connectionString, context.CancellationToken)).First(id => !used.Contains(id));
            used.Add(pick);
            return pick;
        }
        for (var repetition = 1; repetition <= context.Repetitions; repetition++)
        {
            foreach (var circuits in levels)
            {
                foreach (var (name, path, pushText) in Pages)
                {
                    // A fresh app per run: the heap baseline is clean, and nothing a saturated run left behind
                    // (pooled render buffers, a heap the GC has not handed back) weighs on the next one.
                    await using var app = await AppProcess.StartAsync(connectionString, context.Log, context.CancellationToken);
                    using var http = HttpTrader.Client(app.Address, OrderTimeout);
                    http.DefaultRequestHeaders.Authorization = tickerKey;
                    FanoutRun result;
                    try
                    {
                        // The viewers are the ticker's admin too: the floor page is an admin's diagnostics page.
                        http.DefaultRequestHeaders.Add("Cookie", await SignInCookie.GetAsync(app.Address, BenchTraders.EmailOf(TickerAccount),
                            BenchTraders.AdminPassword, context.CancellationToken));
                        result = await FanoutProbe.RunAsync(http, app, path, circuits, await NextMarketAsync(), TickerAccount, orders, interval, pushText,
                            context.Log, context.CancellationToken) with { Page = name };
                    }
                    catch (Exception) when (app.HasExited && !context.CancellationToken.IsCancellationRequested)
                    {
                        // The launcher has already logged the whole report (exit code, last 200 lines) as the app died.
                        result = FanoutRun.Failed(name, circuits, $"run failed: {Died(app.ExitReport()!)}");
                    }
                    catch (Exception e) when (e is HttpRequestException or TimeoutException or InvalidOperationException
                                              || (e is OperationCanceledException && !context.CancellationToken.IsCancellationRequested))
                    {
                        result = FanoutRun.Failed(name, circuits, $"run failed: {e.GetBaseException().Message}");
                    }
                    runs.Add(result);
                    context.Log($"run {repetition}/{context.Repetitions}, {name}, {circuits:N0} circuits: {result.Held:N0} held, p50 {Cells.Ms(result.Latency.P50)} ms, " +
                        $"p99 {Cells.Ms(result.Latency.P99)} ms, {Cells.Kb(result.HeapBytesPerCircuit)} KB/circuit, " +
                        $"app peak resident memory {app.PeakWorkingSetBytes >> 20:N0} MiB" +
                        (result.FirstCloseReason is null ? "" : $"; closed: {result.FirstCloseReason}"));
                }
            }
        }
        Report(context, levels, headline, orders, interval, runs);

        if (context.Size == BenchSize.Full && BrowserTabs.Available)
            await CrossCheckAsync(context, connectionString, tickerKey, NextMarketAsync, orders, interval);
    }

    /// <summary>
    /// The headless client against real browsers: the same number of board viewers, each way, on
    /// the published app (a browser needs its static files, which only a published app serves in Production).
    /// </summary>
    private static async Task CrossCheckAsync(
        ScenarioContext context, string connectionString, AuthenticationHeaderValue tickerKey, Func<Task<int>> nextMarket, int orders, TimeSpan interval)
    {
        const int tabs = 20;
        var published = await AppProcess.PublishAsync(context.Log, context.CancellationToken);
        await using var app = await AppProcess.StartAsync(connectionString, context.Log, context.CancellationToken, directory: published);
        using var http = HttpTrader.Client(app.Address, OrderTimeout);
        http.DefaultRequestHeaders.Authorization = tickerKey;
        var headless = await FanoutProbe.RunAsync(http, app, "/", tabs, await nextMarket(), TickerAccount, orders, interval, Ticker.PriceText,
            context.Log, context.CancellationToken);
        var (browser, missed) = await BrowserTabs.RunAsync(http, tabs, await nextMarket(), TickerAccount, orders, interval, context.Log, context.CancellationToken);

        var table = new ResultTable($"Cross-check: {tabs} viewers of the markets board, published app, {orders} orders at {1 / interval.TotalSeconds:0.#}/s",
            "client", "p50 ms", "p99 ms", "max ms", "pushes missed");
        table.Add($"{tabs} headless circuits (render batch received)", Cells.Ms(headless.Latency.P50), Cells.Ms(headless.Latency.P99),
            Cells.Ms(headless.Latency.Max), Cells.Count(headless.Missed));
        table.Add($"{tabs} Chromium tabs (price in the DOM)", Cells.Ms(browser.P50), Cells.Ms(browser.P99), Cells.Ms(browser.Max), Cells.Count(missed));
        context.Add(table);
        context.Figure("browser_p50_ms_n20", browser.P50);
        context.Figure("browser_p99_ms_n20", browser.P99);
        context.Figure("headless_p99_ms_n20", headless.Latency.P99);
    }

    private static void Report(ScenarioContext context, int[] levels, int headline, int orders, TimeSpan interval, List<FanoutRun> runs)
    {
        var table = new ResultTable(
            $"{orders} orders at {1 / interval.TotalSeconds:0.#}/s on one market per run, trade timestamp → render batch received, median of {context.Repetitions}",
            "circuits", "page", "held", "p50 ms", "p99 ms", "max ms", "pushes missed", "heap KB / circuit", "heap left after close KB", "app CPU µs / push", "client CPU µs / push", "order HTTP p50 ms", "open s");
        var summary = new Dictionary<(int, string), FanoutRun>();
        foreach (var circuits in levels)
        {
            foreach (var (name, _, _) in Pages)
            {
                var repeated = runs.Where(r => r.Circuits == circuits && r.Page == name).ToList();
                var median = MedianRun(repeated);
                summary[(circuits, name)] = median;
                table.Add(Cells.Count(circuits), name, $"{Cells.Count(repeated.Min(r => r.Held))}/{Cells.Count(circuits)}",
                    Cells.Ms(median.Latency.P50), Cells.Ms(median.Latency.P99), Cells.Ms(median.Latency.Max), Cells.Count(repeated.Max(r => r.Missed)),
                    Cells.Kb(median.HeapBytesPerCircuit), Cells.Kb(median.HeapBytesLeftAfterClose), Cells.Count(median.AppCpuPerPush), Cells.Count(median.ClientCpuPerPush), Cells.Ms(median.OrderRoundTripP50),
                    Cells.Seconds(median.Opening));
                context.Figure($"{name}_p50_ms_n{circuits}", median.Latency.P50);
                context.Figure($"{name}_p99_ms_n{circuits}", median.Latency.P99);
                context.Figure($"{name}_kb_per_circuit_n{circuits}", median.HeapBytesPerCircuit / 1024);
                context.Figure($"{name}_held_n{circuits}", repeated.Min(r => r.Held));
                context.Figure($"{name}_app_cpu_us_per_push_n{circuits}", median.AppCpuPerPush);
            }
            context.Figure($"p99_ratio_n{circuits}", summary[(circuits, "board")].Latency.P99 / summary[(circuits, "ping")].Latency.P99);
            context.Figure($"memory_ratio_n{circuits}", summary[(circuits, "board")].HeapBytesPerCircuit / summary[(circuits, "ping")].HeapBytesPerCircuit);
        }
        context.Add(table);
        var failures = runs.Where(r => r.FirstFailure is not null).Select(r => $"{r.Page} × {r.Circuits}: {r.FailedToOpen} failed to open ({r.FirstFailure})").Distinct().ToList();
        if (failures.Count > 0) context.Note("Circuits that failed to open: " + string.Join("; ", failures));
        var closed = runs.Where(r => r.FirstCloseReason is not null).Select(r => $"{r.Page} × {r.Circuits:N0}: {r.Circuits - r.Held:N0} lost ({r.FirstCloseReason})").Distinct().ToList();
        if (closed.Count > 0) context.Note("Circuits the server dropped during a run: " + string.Join("; ", closed));
        var stopped = runs.Where(r => r.StoppedEarly is not null).Select(r => $"{r.Page} × {r.Circuits:N0}: stopped at {r.Held:N0} ({r.StoppedEarly})").Distinct().ToList();
        if (stopped.Count > 0) context.Note("Runs that stopped opening circuits early: " + string.Join("; ", stopped));

        var board = summary[(headline, "board")];
        var ping = summary[(headline, "ping")];
        var largest = levels.Max();
        var heldAtLargest = runs.Where(r => r.Circuits == largest && r.Page == "board").Min(r => r.Held);
        context.Note($"Goal: board p99 ≤ {P99GoalMs} ms at {headline:N0} circuits: {Cells.Ms(board.Latency.P99)} ms — {Cells.Met(board.Latency.P99 <= P99GoalMs)}.");
        context.Note($"Goal: {largest:N0} circuits held on the board: {heldAtLargest:N0} — {Cells.Met(heldAtLargest == largest && runs.Where(r => r.Circuits == largest).All(r => r.Missed == 0))}.");
        context.Note($"Goal: ≤ {KbGoal} KB of server heap per board circuit: {Cells.Kb(board.HeapBytesPerCircuit)} KB at {headline:N0} — {Cells.Met(board.HeapBytesPerCircuit / 1024 <= KbGoal)}.");

        context.Figure("ratio", board.Latency.P99 / ping.Latency.P99);
        context.Figure("memory_ratio", board.HeapBytesPerCircuit / ping.HeapBytesPerCircuit);
        context.Figure("held", heldAtLargest);
        context.Figure("p99_ms", board.Latency.P99);
        context.Figure("kb_per_circuit", board.HeapBytesPerCircuit / 1024);

        var groups = levels.Select(n => Cells.Count(n)).ToList();
        context.Chart("latency", path => Charts.Bars(path, "Push latency p99 by circuits (trade timestamp → render batch)", "circuits", "p99 (ms)", groups,
            Pages.Select(p => (p.Name == "board" ? "markets board" : "one-line live page (floor)",
                (IReadOnlyList<double>)levels.Select(n => summary[(n, p.Name)].Latency.P99).ToList())).ToList()));
        context.Chart("memory", path => Charts.Bars(path, "Server heap per circuit", "circuits", "KB per circuit", groups,
            Pages.Select(p => (p.Name == "board" ? "markets board" : "one-line live page (floor)",
                (IReadOnlyList<double>)levels.Select(n => summary[(n, p.Name)].HeapBytesPerCircuit / 1024).ToList())).ToList()));
        context.Chart("distribution", path => Charts.LatencyCdf(path, $"Push latency at {headline:N0} circuits",
            [("one-line live page (floor)", ping.Latency), ("markets board", board.Latency)]));
    }

    /// <summary>How the app died, short enough for the report's notes: the exit code, its last few lines and where the rest is.</summary>
    private static string Died(AppExitedException death) =>
        $"{death.Summary}; its last lines: {string.Join(" ⏎ ", death.LastLines.TakeLast(5))}" +
        (death.OutputFile is null ? "" : $"; all its output: {death.OutputFile}");

    /// <summary>The repetition with the median p99 (its other figures come with it, so a row is one real run).</summary>
    private static FanoutRun MedianRun(List<FanoutRun> runs) => runs.OrderBy(r => r.Latency.P99).ElementAt(runs.Count / 2);

    private static async Task<List<int>> MarketsByVolumeAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var query = new NpgsqlCommand("SELECT id FROM markets WHERE status = 'open' AND closes_at > now() ORDER BY volume DESC, id", connection);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        var ids = new List<int>();
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetInt32(0));
        return ids;
    }

    /// <summary>The ticker buys up to a few thousand per order for a whole run; a seeded balance of 1,000 would not last.</summary>
    private static async Task FundTickerAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var fund = new NpgsqlCommand(
            "UPDATE accounts SET balance = balance + 100000000, granted = granted + 100000000 WHERE id = @id", connection);
        fund.Parameters.AddWithValue("id", TickerAccount);
        await fund.ExecuteNonQueryAsync(cancellationToken);
    }
}
