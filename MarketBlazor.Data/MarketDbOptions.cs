using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace MarketBlazor.Data;

/// <summary>The one place the provider is configured, shared by the app, the migrations tool, the tests and the bench.</summary>
public static class MarketDbOptions
{
    public const string MigrationsAssembly = "MarketBlazor.Migrations";

    public static DbContextOptionsBuilder UseMarketDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options
            // A stalled server must not hold a trader longer than this; no query here should come near it.
            .UseNpgsql(WithAutoPrepare(connectionString), npgsql => npgsql.MigrationsAssembly(MigrationsAssembly).CommandTimeout(15))
            .UseSnakeCaseNamingConvention();

    /// <summary>
    /// Npgsql prepares a statement once it has run twice on a connection (PostgreSQL then parses and
    /// plans it once per connection, as pgbench -M prepared does), keeping the 20 most used: the trade
    /// path's few statements and the board's reads. A connection string that sets it keeps its own.
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare > 0) return connectionString;
        builder.MaxAutoPrepare = 20;
        builder.AutoPrepareMinUsages = 2;
        return builder.ConnectionString;
    }

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
