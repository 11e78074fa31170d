using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MarketBlazor.App.Operations;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: it can serve, meaning the database
/// answers within <see cref="DatabaseTimeout"/>, the board is loaded and the listener for other
/// instances' changes is connected. Both anonymous (load balancers), JSON naming each check.
/// </summary>
public static class HealthHosting
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    /// <summary>A load balancer polls every few seconds: a stalled database must read as unready, not hang the probe.</summary>
    public static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(2);

    private const string Live = "live";
    private const string Ready = "ready";

    public static void AddMarketHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy("The process is running."), tags: [Live])
            .AddCheck<DatabaseReachableCheck>("database", tags: [Ready], timeout: DatabaseTimeout)
            .AddCheck<BoardLoadedCheck>("board", tags: [Ready])
            .AddCheck<ListenerConnectedCheck>("listener", tags: [Ready]);
    }

    public static void MapMarketHealth(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, Options(Live)).AllowAnonymous().DisableRateLimiting();
        app.MapHealthChecks(ReadyPath, Options(Ready)).AllowAnonymous().DisableRateLimiting();
    }

    private static HealthCheckOptions Options(string tag) => new()
    {
        Predicate = check => check.Tags.Contains(tag),
        ResponseWriter = HealthReportJson.WriteAsync,
    };
}
