using MarketBlazor.Data;
using MarketBlazor.Data.LocalPostgres;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace MarketBlazor.App.Hosting;

public static class DataHosting
{
    /// <summary>
    /// Registers a pooled context factory (one short-lived context per operation) over the database
    /// the final configuration points at. It is resolved on first use, at startup, because a private
    /// development cluster may have to be started first.
    /// </summary>
    public static void AddMarketData(this IHostApplicationBuilder builder)
    {
        var allowLocalCluster = builder.Environment.IsDevelopment();
        builder.Services.AddSingleton(services => new MarketDatabase(DatabaseLocator
            .ResolveAsync(services.GetRequiredService<IConfiguration>(), allowLocalCluster, message => Console.WriteLine($"[postgres] {message}"))
            .GetAwaiter().GetResult()));
        builder.Services.AddSingleton(services => NpgsqlDataSource.Create(services.GetRequiredService<MarketDatabase>().ConnectionString));
        // Interceptors registered in DI (e.g. a test's query counter) apply to every context.
        builder.Services.AddPooledDbContextFactory<MarketDbContext>((services, options) => options
            .UseMarketDatabase(services.GetRequiredService<MarketDatabase>().ConnectionString)
            .AddInterceptors(services.GetServices<IInterceptor>()));
    }
}
