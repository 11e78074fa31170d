using MarketBlazor.App.Live;
using MarketBlazor.Data;
using MarketBlazor.Data.Telemetry;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using System.Data.Common;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using static MarketBlazor.Tests.Live.LiveTestKit;

namespace MarketBlazor.Tests.Live;

/// <summary>
/// Each background loop meets an exception no catch filter anticipated (a bug, not an outage) and
/// must go on doing its job afterwards: one loop that ends stops the whole app (StopHost).
/// </summary>
public sealed class BackgroundLoopFaultTests(DatabaseFixture database) : DatabaseTest(database)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    public static TheoryData<string> Bugs => [nameof(InvalidOperationException), nameof(NullReferenceException)];

    private static Exception Bug(string kind) => kind == nameof(NullReferenceException) ? new NullReferenceException("boom") : new InvalidOperationException("boom");

    [Theory]
    [MemberData(nameof(Bugs))]
    public async Task The_reconciler_repairs_a_market_after_repeated_failures_and_logs_them_once(string kind)
    {
        var board = Board();
        await board.LoadAsync(Database.Contexts, CancellationToken.None);
        using var broadcaster = new MarketBroadcaster(board);
        var fault = new InjectedFault(() => Bug(kind), times: 3);
        var logger = new RecordingLogger<BoardReconciler>();
        using var metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var reconciler = new BoardReconciler(board, broadcaster, new RepairQueue(), new InterceptedContexts(Database.Contexts, fault.ThrowIfArmedAsync),
            new DatabaseHealth(TimeProvider.System), Options.Create(new LiveOptions { ReconcileInterval = TimeSpan.FromMilliseconds(100) }),
            new MarketTelemetry(metrics.GetRequiredService<IMeterFactory>()), logger);
        await reconciler.StartAsync(CancellationToken.None);
        try
        {
            await WaitUntilAsync(() => fault.Exhausted, Deadline, () => "The reconciler never reached the database.");

            // Unknown to the board, and traded without telling it: only the reconciler can bring both in.
            var market = await Data.MarketAsync();
            var trader = await Data.AccountAsync();
            await MarketBlazor.Tests.Components.MudTestContext.FillAsync(TradeServices.Service(Database.Contexts), trader.Id, market.Id, Side.Yes, TradeAction.Buy, 10);

            await WaitUntilAsync(() => board.Market(market.Id)?.Sequence == 1, Deadline,
                () => $"The reconciler did not repair the market after the {kind} (board at {board.Market(market.Id)?.Sequence.ToString() ?? "nothing"}).");
            Assert.Equal(1, logger.Count(LogLevel.Error));
            Assert.Equal(0, logger.Count(LogLevel.Warning));
        }
        finally
        {
            await reconciler.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_market_whose_repair_always_fails_does_not_keep_the_others_stale()
    {
        var board = Board();
        await board.LoadAsync(Database.Contexts, CancellationToken.None);
        using var broadcaster = new MarketBroadcaster(board);
        // Created after the board loaded, so both must be repaired; the first one's queries always fail.
        var poisoned = await Data.MarketAsync();
        var healthy = await Data.MarketAsync();
        var logger = new RecordingLogger<BoardReconciler>();
        using var metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var reconciler = new BoardReconciler(board, broadcaster, new RepairQueue(), Database.CreateFactory(new PoisonedMarket(poisoned.Id)),
            new DatabaseHealth(TimeProvider.System), Options.Create(new LiveOptions { ReconcileInterval = TimeSpan.FromMilliseconds(100) }),
            new MarketTelemetry(metrics.GetRequiredService<IMeterFactory>()), logger);
        await reconciler.StartAsync(CancellationToken.None);
        try
        {
            await WaitUntilAsync(() => board.Market(healthy.Id) is not null && logger.Count(LogLevel.Error) > 0, Deadline,
                () => "The healthy market was not repaired while the other one kept failing.");
            Assert.Null(board.Market(poisoned.Id));
            Assert.Equal(1, logger.Count(LogLevel.Error));
        }
        finally
        {
            await reconciler.StopAsync(CancellationToken.None);
        }
    }

    [Theory]
    [MemberData(nameof(Bugs))]
    public async Task The_notifier_sends_the_next_notification_after_a_failed_one(string kind)
    {
        var fault = new InjectedFault(() => Bug(kind));
        await using var connections = FaultyDataSource(new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Pooling = false }.ConnectionString, fault);
        var logger = new RecordingLogger<PostgresNotifier>();
        using var notifier = new PostgresNotifier(connections, Options.Create(new LiveOptions { NotifyCoalescing = TimeSpan.FromMilliseconds(1) }), logger);
        await using var listener = await ListenAsync();
        await notifier.StartAsync(CancellationToken.None);
        try
        {
            var first = Change(1, marketId: 42);
            notifier.Committed(first.Market, first.Trade!);
            await WaitUntilAsync(() => fault.Exhausted, Deadline, () => "The notifier never tried to send.");

            var second = Change(2, marketId: 42);
            notifier.Committed(second.Market, second.Trade!);

            Assert.Contains(PostgresNotifier.Payload(42, 2), await ReceiveAsync(listener, PostgresNotifier.Payload(42, 2)));
            Assert.Equal(1, logger.Count(LogLevel.Error));
        }
        finally
        {
            await notifier.StopAsync(CancellationToken.None);
        }
    }

    [Theory]
    [MemberData(nameof(Bugs))]
    public async Task The_listener_reconnects_after_a_failure_and_queues_the_notified_market(string kind)
    {
        var board = Board();
        await board.LoadAsync(Database.Contexts, CancellationToken.None);
        var fault = new InjectedFault(() => Bug(kind));
        await using var connections = FaultyDataSource(PostgresListener.ConnectionSource(Database.ConnectionString, "fault-test").ConnectionString, fault);
        var repairs = new RepairQueue();
        var logger = new RecordingLogger<PostgresListener>();
        var health = new DatabaseHealth(TimeProvider.System);
        using var listener = new PostgresListener(connections, board, repairs, health,
            Options.Create(new LiveOptions { MaxReconnectDelay = TimeSpan.FromMilliseconds(500) }), logger);
        await listener.StartAsync(CancellationToken.None);
        try
        {
            await WaitUntilAsync(() => listener.Connections == 1, Deadline, () => $"The listener did not reconnect after the {kind}.");
            Assert.True(fault.Exhausted);

            await using (var notify = new NpgsqlConnection(Database.ConnectionString))
            {
                await notify.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", notify);
                command.Parameters.AddWithValue("channel", PostgresNotifier.ChannelName);
                command.Parameters.AddWithValue("payload", PostgresNotifier.Payload(42, 3));
                await command.ExecuteNonQueryAsync();
            }

            var queued = new List<(int MarketId, bool Drifted)>();
            await WaitUntilAsync(() =>
            {
                while (repairs.Reader.TryRead(out var request)) queued.Add(request);
                return queued.Contains((42, false));
            }, Deadline, () => $"The notification never reached the repair queue (queued: {string.Join(", ", queued)}).");
            Assert.Equal(1, logger.Count(LogLevel.Error));
            // A bug is not an outage: the pages must not say the database is unreachable.
            Assert.True(health.IsReachable);
        }
        finally
        {
            await listener.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Connections that fail with <paramref name="fault"/> while it is armed, as they are opened (no pooling, so every open is a new one).</summary>
    private static NpgsqlDataSource FaultyDataSource(string connectionString, InjectedFault fault) =>
        new NpgsqlDataSourceBuilder(connectionString)
            .UsePhysicalConnectionInitializer(_ => fault.ThrowIfArmed(), _ => fault.ThrowIfArmedAsync())
            .Build();

    private async Task<NpgsqlConnection> ListenAsync()
    {
        var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var listen = new NpgsqlCommand($"LISTEN {PostgresNotifier.ChannelName}", connection);
        await listen.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>Payloads received on <paramref name="connection"/> until <paramref name="expected"/> arrives or the deadline passes.</summary>
    private static async Task<IReadOnlyList<string>> ReceiveAsync(NpgsqlConnection connection, string expected)
    {
        var payloads = new List<string>();
        connection.Notification += (_, notification) => payloads.Add(notification.Payload);
        var deadline = DateTime.UtcNow + Deadline;
        // The notifier appends its send time: compare market and sequence only.
        bool Received() => payloads.Any(p => p == expected || p.StartsWith(expected + ":", StringComparison.Ordinal));
        while (!Received() && DateTime.UtcNow < deadline) await connection.WaitAsync(TimeSpan.FromMilliseconds(100));
        return payloads.ConvertAll(p => string.Join(':', p.Split(':').Take(2)));
    }

    /// <summary>Every query about one market fails, as a bug tied to that market's data would.</summary>
    private sealed class PoisonedMarket(int marketId) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            command.Parameters.Cast<DbParameter>().Any(p => Equals(p.Value, marketId))
                ? throw new NullReferenceException($"boom on market {marketId}")
                : ValueTask.FromResult(result);
    }
}
