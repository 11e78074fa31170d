using MarketBlazor.App.Simulation;
using MarketBlazor.Data.Trading;
using Microsoft.AspNetCore.Components.Server.Circuits;

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
        services.AddSingleton<PostgresListener>();
        services.AddHostedService(s => s.GetRequiredService<PostgresListener>());

        services.AddScoped<LiveCircuit>();
        services.AddScoped<CircuitHandler>(s => s.GetRequiredService<LiveCircuit>());
        services.AddScoped<TradingSimulator>();
    }
}
