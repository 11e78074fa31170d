using System.Threading.Channels;
using MarketBlazor.Data.Trading;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MarketBlazor.App.Live;

/// <summary>
/// Tells other instances which markets changed, after commit: a payload of "marketId:sequence"
/// (a few bytes, far from NOTIFY's 8,000-byte limit). NOTIFY takes a global lock at commit, so the
/// trade path only enqueues; a background sender waits <see cref="LiveOptions.NotifyCoalescing"/>,
/// keeps the latest sequence per market and sends them as one statement: at most one notifying
/// commit per interval rather than one per trade.
/// A lost notification costs latency, not correctness: every instance also reconciles by polling.
/// </summary>
public sealed class PostgresNotifier(NpgsqlDataSource database, IOptions<LiveOptions> options, ILogger<PostgresNotifier> logger)
    : BackgroundService, IMarketChangeSink
{
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

    public static bool TryParse(string payload, out int marketId, out long sequence)
    {
        sequence = 0;
        var parts = payload.Split(':');
        return int.TryParse(parts[0], out marketId) && parts.Length == 2 && long.TryParse(parts[1], out sequence);
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
        command.Parameters.AddWithValue("payloads", latest.Select(m => Payload(m.Key, m.Value)).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
