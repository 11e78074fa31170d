using MarketBlazor.App.Identity;
using MarketBlazor.App.Simulation;
using MarketBlazor.Data.Trading;

namespace MarketBlazor.App.Live;

public static class LiveHosting
{
    public static void AddLiveUpdates(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MarketBoard>();
        builder.Services.AddSingleton<MarketBroadcaster>();
        builder.Services.AddSingleton<IMarketChangeSink>(services => services.GetRequiredService<MarketBroadcaster>());
        builder.Services.AddHostedService<MarketBoardLoader>();
        builder.Services.AddScoped<CurrentAccount>();
        builder.Services.AddScoped<TradingSimulator>();
    }
}
