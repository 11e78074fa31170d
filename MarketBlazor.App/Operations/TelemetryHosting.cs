using MarketBlazor.Data.Telemetry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MarketBlazor.App.Operations;

/// <summary>
/// Metrics and traces (DESIGN §10): the app's own "MarketBlazor" instruments plus ASP.NET Core,
/// runtime and Npgsql, scraped at <c>/metrics</c> (Prometheus) and pushed over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. <c>Telemetry:Enabled=false</c> leaves OpenTelemetry
/// out altogether (the bench's baseline): the instruments still exist, with nobody listening.
/// </summary>
public static class TelemetryHosting
{
    public const string ScrapePath = "/metrics";

    /// <summary>Spans Blazor (.NET 10) opens for circuits and their events: an order placed from a page is a child of its event.</summary>
    private static readonly string[] BlazorSources = ["Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Server.Circuits"];

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue("Telemetry:Enabled", true);

    public static void AddMarketTelemetry(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<MarketTelemetry>();
        services.AddScoped<CircuitHandler, CircuitTelemetry>();
        services.AddHostedService<LiveGauges>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ScrapeDenial>();
        services.AddAuthorizationBuilder().AddPolicy(ScrapeAccess.Policy, ScrapeAccess.Configure);
        if (!IsEnabled(builder.Configuration)) return;

        var ownMeters = new OwnMeters();
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(MarketTelemetry.Name, serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(metrics => metrics
                .AddInstrumentation(provider => ownMeters.Of(provider))
                .AddView(ownMeters.OthersDropped)
                .AddMeter(MarketTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                // Every scrape sees the current numbers (the exporter otherwise serves a cached answer for 300 ms).
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        // Spans cost something per order; without somewhere to send them they are not made at all.
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(MarketTelemetry.Name)
                .AddSource(BlazorSources)
                .AddAspNetCoreInstrumentation()
                .AddNpgsql());
            telemetry.UseOtlpExporter();
        }
    }

    /// <summary>The Prometheus scrape endpoint, for admins and callers on this machine (see <see cref="ScrapeAccess"/>).</summary>
    public static void MapMarketTelemetry(this WebApplication app)
    {
        if (!IsEnabled(app.Configuration)) return;
        app.MapPrometheusScrapingEndpoint(ScrapePath)
            .RequireAuthorization(ScrapeAccess.Policy)
            .WithMetadata(new ScrapeDenial.PlainStatus())
            .ExcludeFromDescription();
    }
}
