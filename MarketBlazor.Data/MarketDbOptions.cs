using Microsoft.EntityFrameworkCore;

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
}
