using MarketBlazor.Data;
using MarketBlazor.Data.Telemetry;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MarketBlazor.App.Live;

/// <summary>
/// This instance's one dedicated LISTEN connection. A notification for a market the board is
/// behind on queues that market for repair (the reconciler coalesces bursts). Whatever ends the
/// connection (the server, the network, or a bug) it reconnects with exponential backoff and
/// then has every market compared, so nothing committed during the gap is missed.
/// </summary>
public sealed class PostgresListener(
    [FromKeyedServices(PostgresListener.ConnectionsKey)] NpgsqlDataSource connectionSource,
    MarketBoard board,
    RepairQueue repairs,
    DatabaseHealth health,
    IOptions<LiveOptions> options,
    ILogger<PostgresListener> logger,
    MarketTelemetry? telemetry = null) : BackgroundService
{
    private readonly MarketTelemetry telemetry = telemetry ?? MarketTelemetry.Detached;

    /// <summary>The DI key of the data source <see cref="ConnectionSource"/> builds.</summary>
    public const string ConnectionsKey = "market-change-listener";

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(250);
    private int connectionCount;

    public static string ApplicationName(string instanceName) => $"marketblazor-listener-{instanceName}";

    /// <summary>
    /// Where the listener's connection comes from: unpooled (a LISTEN belongs to one session), with
    /// keep-alives so a dead peer is noticed, and named for pg_stat_activity.
    /// </summary>
    public static NpgsqlDataSourceBuilder ConnectionSource(string connectionString, string instanceName) =>
        new(new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            KeepAlive = 5,
            ApplicationName = ApplicationName(instanceName),
        }.ConnectionString);

    /// <summary>The listening backend's process id (for pg_terminate_backend in tests), null while disconnected.</summary>
    public int? BackendProcessId { get; private set; }

    /// <summary>Whether the LISTEN connection is up (always true when cross-instance updates are off: nothing to listen to).</summary>
    public bool IsListening => !options.Value.CrossInstance || BackendProcessId is not null;

    /// <summary>How many times the listener has connected, the first time included.</summary>
    public int Connections => Volatile.Read(ref connectionCount);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.CrossInstance) return;
        await board.Loaded.WaitAsync(stoppingToken);
        var failures = new FailureBackoff(logger, "The market change listener", FirstRetryDelay, options.Value.MaxReconnectDelay);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(failures, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                BackendProcessId = null;
                if (DatabaseFailures.IsUnavailable(e)) health.ReportUnreachable(e);
                await failures.FailedAsync(e, stoppingToken);
            }
        }
    }

    private async Task ListenAsync(FailureBackoff failures, CancellationToken cancellationToken)
    {
        await using var connection = await connectionSource.OpenConnectionAsync(cancellationToken);
        connection.Notification += (_, notification) => OnNotification(notification.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {PostgresNotifier.ChannelName}", connection))
            await listen.ExecuteNonQueryAsync(cancellationToken);

        BackendProcessId = connection.ProcessID;
        Interlocked.Increment(ref connectionCount);
        failures.Succeeded();
        health.ReportReachable();
        // Changes committed before LISTEN took effect (at start, or during a disconnection) were never notified.
        repairs.RequestEverything();
        logger.LogInformation("Listening for market changes from other instances (backend {Pid})", connection.ProcessID);
        while (true) await connection.WaitAsync(cancellationToken);
    }

    private void OnNotification(string payload)
    {
        if (!PostgresNotifier.TryParse(payload, out var marketId, out var sequence, out var sentAt)) return;
        telemetry.NotificationReceived(DateTimeOffset.UtcNow - sentAt);
        if ((board.Market(marketId)?.Sequence ?? -1) < sequence) repairs.Refresh(marketId);
    }
}
