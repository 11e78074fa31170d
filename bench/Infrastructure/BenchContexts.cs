using MarketBlazor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace MarketBlazor.Bench.Infrastructure;

/// <summary>Context options and factories configured as the app configures them (DataHosting), plus optional interceptors.</summary>
public static class BenchContexts
{
    public static DbContextOptions<MarketDbContext> Options(string connectionString, params IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<MarketDbContext>();
        options.UseMarketDatabase(connectionString);
        if (interceptors.Length > 0) options.AddInterceptors(interceptors);
        return options.Options;
    }

    /// <summary>What the app registers: AddPooledDbContextFactory.</summary>
    public static IDbContextFactory<MarketDbContext> Pooled(string connectionString, params IInterceptor[] interceptors) =>
        new PooledDbContextFactory<MarketDbContext>(Options(connectionString, interceptors));
}
