using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace MarketBlazor.Data;

/// <summary>The one place the provider is configured, shared by the app, the migrations tool, the tests and the bench.</summary>
public static class MarketDbOptions
{
    public const string MigrationsAssembly = "MarketBlazor.Migrations";

    public static DbContextOptionsBuilder UseMarketDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options
            // A stalled server must not hold a trader longer than this; no query here should come near it.
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(MigrationsAssembly).CommandTimeout(15))
            .UseSnakeCaseNamingConvention();

    /// <summary>Options as the app builds them, for code that runs outside its host (tools, tests, bench).</summary>
    public static DbContextOptions<MarketDbContext> For(string connectionString, params IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<MarketDbContext>();
        options.UseMarketDatabase(connectionString).UseApplicationServiceProvider(IdentitySchema.Services);
        if (interceptors.Length > 0) options.AddInterceptors(interceptors);
        return options.Options;
    }

    /// <summary>What the app registers (AddPooledDbContextFactory), outside its host.</summary>
    public static IDbContextFactory<MarketDbContext> PooledFactory(string connectionString, params IInterceptor[] interceptors) =>
        new PooledDbContextFactory<MarketDbContext>(For(connectionString, interceptors));
}
