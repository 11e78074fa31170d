using MarketBlazor.Data.Lifecycle;

namespace MarketBlazor.App.Lifecycle;

public static class LifecycleHosting
{
    public static void AddMarketLifecycle(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<LifecycleOptions>(builder.Configuration.GetSection(LifecycleOptions.Section));
        builder.Services.AddSingleton<MarketLifecycle>();
        builder.Services.AddHostedService<MarketCloser>();
    }
}
