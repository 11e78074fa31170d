using MarketBlazor.App.Live;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MarketBlazor.App.Operations;

/// <summary>The LISTEN connection is up: without it this instance misses other instances' trades until its next reconciliation.</summary>
internal sealed class ListenerConnectedCheck(PostgresListener listener) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(listener.IsListening
            ? HealthCheckResult.Healthy("Listening for other instances' changes.")
            : HealthCheckResult.Unhealthy("Not listening for other instances' changes (reconnecting)."));
}
