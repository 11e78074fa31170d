using MarketBlazor.App.Hosting;
using MarketBlazor.App.Simulation;
using MarketBlazor.Data.Trading;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;

namespace MarketBlazor.App.Live;

public static class LiveHosting
{
    public static void AddLiveUpdates(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<LiveOptions>(builder.Configuration.GetSection(LiveOptions.Section));
        services.AddSingleton<MarketBoard>();
        services.AddSingleton<RepairQueue>();
        services.AddSingleton<DatabaseHealth>();

        // Order matters: the trade path calls its sinks in registration order, and the local
        // broadcaster must queue a change for the board before other instances are told about it
        // (a notice that still arrives first only costs a refresh: the board ignores what it already has).
        services.AddSingleton<MarketBroadcaster>();
        services.AddSingleton<IMarketChangeSink>(s => s.GetRequiredService<MarketBroadcaster>());
        services.AddSingleton<PostgresNotifier>();
        services.AddSingleton<IMarketChangeSink>(s => s.GetRequiredService<PostgresNotifier>());

        // Hosted services start in this order: the board is loaded before anything serves or listens.
        services.AddHostedService<MarketBoardLoader>();
        services.AddSingleton<BoardReconciler>();
        services.AddHostedService(s => s.GetRequiredService<BoardReconciler>());
        services.AddHostedService(s => s.GetRequiredService<PostgresNotifier>());
        services.AddKeyedSingleton(PostgresListener.ConnectionsKey, (s, _) => PostgresListener.ConnectionSource(
            s.GetRequiredService<MarketDatabase>().ConnectionString, s.GetRequiredService<IOptions<LiveOptions>>().Value.InstanceName).Build());
        services.AddSingleton<PostgresListener>();
        services.AddHostedService(s => s.GetRequiredService<PostgresListener>());

        // Every loop above outlives its own failures (FailureBackoff). Should one end anyway, its guard
        // is broken, and a process that stops (for its supervisor to restart) is better than one that
        // keeps serving a board nobody reconciles any more; this is .NET's default, stated on purpose.
        services.Configure<HostOptions>(host => host.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost);

        services.AddScoped<LiveCircuit>();
        services.AddScoped<CircuitHandler>(s => s.GetRequiredService<LiveCircuit>());
        services.AddScoped<TradingSimulator>();
    }
}
