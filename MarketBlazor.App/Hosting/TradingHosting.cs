using MarketBlazor.Data.Queries;
using MarketBlazor.Data.Trading;

namespace MarketBlazor.App.Hosting;

public static class TradingHosting
{
    public static void AddTrading(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<TradingOptions>(builder.Configuration.GetSection(TradingOptions.Section));
        builder.Services.AddSingleton(TimeProvider.System);
        // Singleton: it owns the per-market order queue, which must be shared by every caller in the process.
        builder.Services.AddSingleton<TradeService>();
        builder.Services.AddSingleton<MarketReader>();
        builder.Services.AddSingleton<CashHistoryReader>();
        builder.Services.AddSingleton<TradeHistoryReader>();
    }
}
