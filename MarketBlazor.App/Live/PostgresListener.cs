using MarketBlazor.App.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MarketBlazor.App.Live;

/// <summary>
/// This instance's one dedicated LISTEN connection. A notification for a market the board is
/// behind on queues that market for repair (the reconciler coalesces bursts). When the
/// connection dies it reconnects with exponential backoff and then has every market compared,
/// so nothing committed during the gap is missed.
/// </summary>
public sealed class PostgresListener(
    MarketDatabase database,
    MarketBoard board,
    RepairQueue repairs,
    DatabaseHealth health,
    IOptions<LiveOptions> options,
    ILogger<PostgresListener> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(250);
    private int connections;

    public static string ApplicationName(string instanceName) => $"marketblazor-listener-{instanceName}";

    /// <summary>The listening backend's process id (for pg_terminate_backend in tests), null while disconnected.</summary>
    public int? BackendProcessId { get; private set; }

    /// <summary>How many times the listener has connected, the first time included.</summary>
    public int Connections => Volatile.Read(ref connections);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.CrossInstance) return;
        await board.Loaded.WaitAsync(stoppingToken);
        var delay = FirstRetryDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException or InvalidOperationException)
            {
                BackendProcessId = null;
                health.ReportUnreachable(e);
                logger.LogWarning("Market change listener lost its connection ({Message}); reconnecting in {Delay} ms", e.Message, delay.TotalMilliseconds);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.Value.MaxReconnectDelay.Ticks));
                continue;
            }
        }

        async Task ListenAsync(CancellationToken cancellationToken)
        {
            var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString)
            {
                Pooling = false,
                KeepAlive = 5,
                ApplicationName = ApplicationName(options.Value.InstanceName),
            }.ConnectionString;
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            connection.Notification += (_, notification) => OnNotification(notification.Payload);
            await using (var listen = new NpgsqlCommand($"LISTEN {PostgresNotifier.ChannelName}", connection))
                await listen.ExecuteNonQueryAsync(cancellationToken);

            BackendProcessId = connection.ProcessID;
            Interlocked.Increment(ref connections);
            delay = FirstRetryDelay;
            health.ReportReachable();
            // Changes committed before LISTEN took effect (at start, or during a disconnection) were never notified.
            repairs.RequestEverything();
            logger.LogInformation("Listening for market changes from other instances (backend {Pid})", connection.ProcessID);
            while (true) await connection.WaitAsync(cancellationToken);
        }
    }

    private void OnNotification(string payload)
    {
        if (!PostgresNotifier.TryParse(payload, out var marketId, out var sequence)) return;
        if ((board.Market(marketId)?.Sequence ?? -1) < sequence) repairs.Refresh(marketId);
    }
}
