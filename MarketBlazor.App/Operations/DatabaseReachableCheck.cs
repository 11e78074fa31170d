using MarketBlazor.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace MarketBlazor.App.Operations;

/// <summary>PostgreSQL answers a trivial query (the registration's timeout cancels a stalled one).</summary>
internal sealed class DatabaseReachableCheck(NpgsqlDataSource database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = database.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("PostgreSQL answers.");
        }
        catch (Exception e) when (DatabaseFailures.IsUnavailable(e) || e is OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL does not answer: {e.Message}");
        }
    }
}
