using MarketBlazor.App.Live;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MarketBlazor.App.Operations;

/// <summary>The market board has been read from the database: before that, pages and quotes have nothing to show.</summary>
internal sealed class BoardLoadedCheck(MarketBoard board) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(board.Loaded.IsCompletedSuccessfully
            ? HealthCheckResult.Healthy("The market board is loaded.")
            : HealthCheckResult.Unhealthy("The market board is not loaded yet."));
}
