using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace MarketBlazor.Data;

/// <summary>The one place the provider is configured, shared by the app, the migrations tool, the tests and the bench.</summary>
public static class MarketDbOptions
{
    public const string MigrationsAssembly = "MarketBlazor.Migrations";

    /// <summary>Seconds a command may take on the trade path's connections.</summary>
    public const int TradePathCommandTimeout = 15;

    private const int DefaultCommandTimeout = 30;

    public static DbContextOptionsBuilder UseMarketDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(WithTradePathSettings(connectionString), npgsql => npgsql.MigrationsAssembly(MigrationsAssembly))
            .UseSnakeCaseNamingConvention();

    /// <summary>
    /// The trade path's connection settings, for every context:
    /// <list type="bullet">
    /// <item>Npgsql prepares a statement once it has run twice on a connection (PostgreSQL then parses
    /// and plans it once per connection, as pgbench -M prepared does), keeping the 20 most used: the
    /// trade path's few statements and the board's reads. A connection string that sets its own keeps it.</item>
    /// <item>No reset on close: with statements prepared, Npgsql would otherwise prepend SET SESSION
    /// AUTHORIZATION, RESET ALL, CLOSE ALL, UNLISTEN *, pg_advisory_unlock_all() and two DISCARDs to
    /// the first command after every open from the pool, seven more statements for PostgreSQL per
    /// order. Contexts keep no session state to reset (no SET, temp table, advisory lock or LISTEN;
    /// the listener has its own unpooled source), and Npgsql still rolls back a transaction left
    /// open before a connection goes back to the pool.</item>
    /// <item>A command timeout of 15 s on the connection, not on EF Core's commands: a stalled server must not
    /// hold a trader longer than that, and no query here comes near it. Set per command, it differed from the
    /// connection's own (30 s) that COMMIT runs with, and Npgsql changed the socket's timeout (a setsockopt)
    /// twice per order.</item>
    /// </list>
    /// </summary>
    public static string WithTradePathSettings(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 20;
            builder.AutoPrepareMinUsages = 2;
        }
        builder.NoResetOnClose = true;
        if (builder.CommandTimeout == DefaultCommandTimeout) builder.CommandTimeout = TradePathCommandTimeout;
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
