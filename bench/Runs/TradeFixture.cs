using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using MarketBlazor.Bench.Infrastructure;
using MarketBlazor.Bench.Load;
using MarketBlazor.Bench.Pgbench;
using MarketBlazor.Data;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MarketBlazor.Bench.Runs;

/// <summary>
/// What the trade scenarios share: a durable private cluster with a seeded marketplace, the SQL
/// of one real order captured from EF Core, and a way to run the same load through the app's
/// trade service or through pgbench replaying that SQL.
/// </summary>
internal sealed class TradeFixture : IAsyncDisposable
{
    private readonly ScenarioContext context;
    private readonly BenchCluster cluster;
    private readonly CpuMeter cpu;

    private TradeFixture(ScenarioContext context, BenchCluster cluster, string database, string connectionString, int markets, int traders)
    {
        Traders = traders;
        this.context = context;
        this.cluster = cluster;
        cpu = cluster.Cpu;
        Database = database;
        ConnectionString = connectionString;
        Markets = markets;
    }

    public string Database { get; }
    public string ConnectionString { get; }
    public int Markets { get; }
    public int Traders { get; }

    /// <summary>Clients of the warm-up load: as many as the traders seeded, at most eight.</summary>
    private int WarmUpClients => Math.Min(8, Traders);
    public IReadOnlyList<CapturedCommand> CapturedOrder { get; private set; } = [];

    public TimeSpan WarmUp => context.BySize(TimeSpan.FromSeconds(0.3), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

    /// <summary>
    /// How long a process first runs the load unmeasured: long enough for tiered JIT to finish
    /// compiling the trade path's hot code (EF Core's included) at full optimisation, which the
    /// short per-run warm-up is not.
    /// </summary>
    public TimeSpan ProcessWarmUp => context.BySize(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(8));
    /// <remarks>Three seconds even for the test suite's smoke runs: on a CI machine busy with the rest of the suite an
    /// app can stall for a second, and a one-second window then measured no order at all.</remarks>
    public TimeSpan Measured => context.BySize(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10));

    /// <param name="captureSql">Capture one order's SQL for pgbench (places two orders as trader 1 on market 1).</param>
    public static async Task<TradeFixture> StartAsync(ScenarioContext context, int markets, int traders, bool captureSql = true)
    {
        context.Log("starting a private PostgreSQL cluster (fsync on, synchronous_commit on)");
        var cluster = await BenchCluster.StartAsync(context.Log, context.CancellationToken);
        try
        {
            const string database = "bench";
            var connectionString = await cluster.CreateDatabaseAsync(database, context.CancellationToken);
            context.Log($"seeding {markets:N0} markets, {traders} traders, {markets * traders:N0} positions");
            await BenchMarketplace.SeedAsync(connectionString, markets, traders, context.CancellationToken);
            var fixture = new TradeFixture(context, cluster, database, connectionString, markets, traders);
            if (captureSql) await fixture.CaptureOrderAsync();
            return fixture;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the app's trade service over <paramref name="contexts"/> with <paramref name="clients"/> closed-loop clients.</summary>
    /// <param name="markets">Trade markets 1..markets only (default: all of them).</param>
    public async Task<Measurement> RunAppAsync(IDbContextFactory<MarketDbContext> contexts, int clients, bool hot, double slippage, int? markets = null)
    {
        var board = await BenchBoard.LoadAsync(ConnectionString, context.CancellationToken);
        var trader = new InProcessTrader(contexts, new OrderFlow(board, markets ?? Markets, clients, hot, slippage), board);
        var load = await ClosedLoop.RunAsync(clients, WarmUp, Measured, trader.PlaceAsync, cpu.Sample, context.CancellationToken);
        return Measurement.Of(load);
    }

    /// <summary>Runs <paramref name="placeOrder"/> for <see cref="ProcessWarmUp"/>, unmeasured; its flow must be made for <see cref="WarmUpFlow"/>.</summary>
    public async Task WarmUpProcessAsync(Func<int, Random, CancellationToken, Task<OrderOutcome>> placeOrder)
    {
        context.Log($"warming up for {ProcessWarmUp.TotalSeconds:0.#} s (JIT)");
        await ClosedLoop.RunAsync(WarmUpClients, ProcessWarmUp, TimeSpan.Zero, placeOrder, null, context.CancellationToken);
    }

    /// <summary>
    /// Warms this process's trade path over <paramref name="contexts"/> (see <see cref="WarmUpProcessAsync"/>),
    /// then goes on, a second at a time, until the JIT has settled (see <see cref="JitSettleLimit"/>).
    /// </summary>
    public async Task WarmUpAppAsync(IDbContextFactory<MarketDbContext> contexts, int? markets = null)
    {
        var board = await BenchBoard.LoadAsync(ConnectionString, context.CancellationToken);
        var trader = new InProcessTrader(contexts, WarmUpFlow(board, markets ?? Markets), board);
        await WarmUpProcessAsync(trader.PlaceAsync);
        var settling = Stopwatch.StartNew();
        while (settling.Elapsed < JitSettleLimit)
        {
            var before = JitInfo.GetCompiledMethodCount();
            await ClosedLoop.RunAsync(WarmUpClients, TimeSpan.FromSeconds(1), TimeSpan.Zero, trader.PlaceAsync, null, context.CancellationToken);
            var compiled = JitInfo.GetCompiledMethodCount() - before;
            if (compiled < SettledJitMethodsPerSecond)
            {
                context.Log($"JIT settled after {settling.Elapsed.TotalSeconds:0} s more ({compiled} methods compiled in the last second)");
                return;
            }
        }
        if (JitSettleLimit > TimeSpan.Zero) context.Log($"JIT still compiling after {JitSettleLimit.TotalSeconds:0} s more; measuring anyway");
    }

    /// <summary>
    /// How much longer the in-process warm-up may run while tiered JIT is still recompiling the trade
    /// path. On a loaded machine it lags the fixed warm-up by far: a perf profile of a quick run's
    /// 8-client window found the ".NET Tiered Compilation" thread at 43 % of the process's CPU, the
    /// trade path still at its instrumented tier, so the CPU per order measured JIT, not orders.
    /// </summary>
    private TimeSpan JitSettleLimit => context.BySize(TimeSpan.Zero, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));

    /// <summary>Methods compiled in a second of load below which the JIT counts as settled.</summary>
    private const long SettledJitMethodsPerSecond = 10;

    /// <summary>The spread orders of the warm-up load over markets <paramref name="first"/>..<paramref name="first"/>+<paramref name="markets"/>-1.</summary>
    public OrderFlow WarmUpFlow(BenchBoard board, int markets, int first = 1) =>
        new(board, markets, WarmUpClients, hot: false, slippage: 0.05, first);

    /// <summary>Replays the captured order with pgbench; accepted transactions are counted as the trades they inserted.</summary>
    public async Task<Measurement> RunPgbenchAsync(int clients, bool hot, bool checkConflicts)
    {
        var script = PgbenchScript.Build(CapturedOrder, hot, checkConflicts);
        var before = await CountTradesAsync();
        var run = await PgbenchRunner.RunAsync(cluster.Port, Database, script, clients, Measured,
            new Dictionary<string, string>
            {
                ["markets"] = Markets.ToString(CultureInfo.InvariantCulture),
                ["clients"] = clients.ToString(CultureInfo.InvariantCulture),
            },
            cpu.Sample,
            context.CancellationToken);
        var accepted = await CountTradesAsync() - before;
        return Measurement.Of(run, accepted);
    }

    public async Task<long> CountTradesAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(context.CancellationToken);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM trades", connection);
        return (long)(await count.ExecuteScalarAsync(context.CancellationToken))!;
    }

    /// <summary>Places one order as trader 1 on market 1 (after a first one that warms EF Core up) and keeps its SQL.</summary>
    private async Task CaptureOrderAsync()
    {
        var capture = new SqlCapture();
        var contexts = MarketDbOptions.PooledFactory(ConnectionString, capture);
        // A cold first order (model building, JIT) on a loaded machine can outlast the usual order timeout; it is not measured.
        var options = new TradingOptions { OrderTimeout = TimeSpan.FromMinutes(1), MarketQueueTimeout = TimeSpan.FromMinutes(1) };
        var service = new TradeService(contexts, [], Options.Create(options), TimeProvider.System, NullLogger<TradeService>.Instance);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var board = await BenchBoard.LoadAsync(ConnectionString, context.CancellationToken);
            var quote = board.Quote(1, Side.Yes, 10m);
            capture.Recording = attempt == 1;
            var result = await service.PlaceOrderAsync(
                new OrderRequest(1, 1, Side.Yes, TradeAction.Buy, 10, (double)quote.AveragePrice, quote.Sequence, 0.05), context.CancellationToken);
            if (result is not OrderFilled) throw new InvalidOperationException($"The order to capture did not fill: {result}");
        }
        capture.Recording = false;
        CapturedOrder = capture.Commands;
        context.Note("The SQL of one order, as captured from EF Core and replayed by pgbench:\n\n```sql\n" +
            string.Join("\n", CapturedOrder.Select(c => c.Text.Trim().TrimEnd(';') + ";")) + "\n```");
    }

    public async ValueTask DisposeAsync() => await cluster.DisposeAsync();
}
