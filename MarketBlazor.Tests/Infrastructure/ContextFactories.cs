using MarketBlazor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace MarketBlazor.Tests.Infrastructure;

public static class ContextFactories
{
    /// <summary>A pooled factory as the app builds it, optionally with interceptors.</summary>
    public static IDbContextFactory<MarketDbContext> For(string connectionString, params IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<MarketDbContext>();
        options.UseMarketDatabase(connectionString);
        if (interceptors.Length > 0) options.AddInterceptors(interceptors);
        return new PooledDbContextFactory<MarketDbContext>(options.Options);
    }
}
