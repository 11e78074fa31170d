using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.Data;

/// <summary>The one place the provider is configured, shared by the app, the migrations tool, the tests and the bench.</summary>
public static class MarketDbOptions
{
    public const string MigrationsAssembly = "MarketBlazor.Migrations";

    public static DbContextOptionsBuilder UseMarketDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(MigrationsAssembly))
            .UseSnakeCaseNamingConvention();
}
