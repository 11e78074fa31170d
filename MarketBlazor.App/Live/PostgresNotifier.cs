using System.Threading.Channels;
using MarketBlazor.Data.Telemetry;
using MarketBlazor.Data.Trading;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MarketBlazor.App.Live;

/// <summary>
/// Tells other instances which markets changed, after commit: a payload of "marketId:sequence:sentAt"
/// (sentAt in Unix milliseconds, for the receiver's notify lag; a few bytes, far from NOTIFY's 8,000-byte limit). NOTIFY takes a global lock at commit, so the
/// trade path only enqueues; a background sender waits <see cref="LiveOptions.NotifyCoalescing"/>,
/// keeps the latest sequence per market and sends them as one statement: at most one notifying
/// commit per interval rather than one per trade.
/// A lost notification costs latency, not correctness: every instance also reconciles by polling.
/// </summary>
public sealed class PostgresNotifier(NpgsqlDataSource database, IOptions<LiveOptions> options, ILogger<PostgresNotifier> logger,
    MarketTelemetry? telemetry = null)
    : BackgroundService, IMarketChangeSink
{
    private readonly MarketTelemetry telemetry = telemetry ?? MarketTelemetry.Detached;

    public const string ChannelName = "market_changes";

    private readonly Channel<(int MarketId, long Sequence)> pending = Channel.CreateUnbounded<(int, long)>(new UnboundedChannelOptions { SingleReader = true });

    public void Committed(MarketSnapshot market, TradeView trade) => Announce(market);

    public void Committed(MarketSnapshot market, MarketEventView change) => Announce(market);

    /// <summary>Announced at sequence 0: other boards do not know the market at all, so they read it.</summary>
    public void Launched(MarketSnapshot market) => Announce(market);

    private void Announce(MarketSnapshot market)
    {
        if (options.Value.CrossInstance) pending.Writer.TryWrite((market.Id, market.Sequence));
    }

    public static string Payload(int marketId, long sequence) => $"{marketId}:{sequence}";

    public static string Payload(int marketId, long sequence, DateTimeOffset sentAt) => $"{Payload(marketId, sequence)}:{sentAt.ToUnixTimeMilliseconds()}";

    /// <param name="sentAt">The sender's clock when it sent the payload, null for a payload without one.</param>
    public static bool TryParse(string payload, out int marketId, out long sequence, out DateTimeOffset? sentAt)
    {
        sequence = 0;
        sentAt = null;
        var parts = payload.Split(':');
        if (!int.TryParse(parts[0], out marketId) || parts.Length is < 2 or > 3 || !long.TryParse(parts[1], out sequence)) return false;
        if (parts.Length == 3)
        {
            if (!long.TryParse(parts[2], out var milliseconds)) return false;
            sentAt = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        }
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.CrossInstance) return;
        var reader = pending.Reader;
        var failures = new FailureBackoff(logger, "Notifying other instances", TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));
        while (!stoppingToken.IsCancellationRequested)
        {
            var latest = new Dictionary<int, long>();
            try
            {
                if (!await reader.WaitToReadAsync(stoppingToken)) return;
                // Gather a moment's changes first: each NOTIFY commit takes a global lock, so fewer is better.
                await Task.Delay(options.Value.NotifyCoalescing, stoppingToken);
                while (reader.TryRead(out var change)) latest[change.MarketId] = Math.Max(change.Sequence, latest.GetValueOrDefault(change.MarketId));
                await SendAsync(latest, stoppingToken);
                failures.Succeeded();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // These changes are not announced: other instances find them by their next reconciliation.
                logger.LogDebug("{Count} market change(s) were not announced to other instances", latest.Count);
                await failures.FailedAsync(e, stoppingToken);
            }
        }
    }

    private async Task SendAsync(Dictionary<int, long> latest, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT pg_notify(@channel, payload) FROM unnest(@payloads) AS payload");
        command.Parameters.AddWithValue("channel", ChannelName);
        var sentAt = DateTimeOffset.UtcNow;
        command.Parameters.AddWithValue("payloads", latest.Select(m => Payload(m.Key, m.Value, sentAt)).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
        telemetry.NotificationsSent(latest.Count);
    }
}
