using MarketBlazor.App.Operations.Insights;
using MarketBlazor.Data.Insights;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MarketBlazor.App.Operations;

public static class InsightsHosting
{
    /// <summary>The admin insights page's readers (pg_stat_statements, table and index statistics) and its live metrics window.</summary>
    public static void AddInsights(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<QueryInsightsReader>();
        builder.Services.AddSingleton(services => new LiveMetrics(services.GetRequiredService<TimeProvider>()));
        // Started with the host, so the charts hold the last minute when an admin opens the page.
        builder.Services.AddHostedService(services => services.GetRequiredService<LiveMetrics>());
    }
}
