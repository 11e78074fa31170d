using System.Diagnostics.Metrics;
using MarketBlazor.App.Live;
using MarketBlazor.Data.Telemetry;

namespace MarketBlazor.App.Operations;

/// <summary>
/// Instruments read when exported rather than recorded: fan-out subscribers and whether the
/// database is reachable. Created at start so they exist from the first scrape.
/// </summary>
internal sealed class LiveGauges(MarketTelemetry telemetry, MarketBroadcaster broadcaster, DatabaseHealth health) : IHostedService
{
    /// <summary>Every shard offers each change to every subscriber, so subscribers are reported once, for all shards.</summary>
    private static readonly KeyValuePair<string, object?> AllShards = new("shard", "all");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        telemetry.Meter.CreateObservableGauge("marketblazor.fanout.subscribers",
            () => new Measurement<long>(broadcaster.SubscriberCount, AllShards), "{subscriber}", "Subscribers of the live fan-out");
        telemetry.Meter.CreateObservableGauge("marketblazor.database.available",
            () => health.IsReachable ? 1 : 0, description: "1 while the live machinery reaches PostgreSQL, 0 during an outage");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
