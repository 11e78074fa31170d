using MarketBlazor.Data;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.Bench.Infrastructure;

/// <summary>
/// A brand-new context per operation, as AddDbContext gives each scope: the baseline the pooled
/// factory is measured against. Options are built once, like AddDbContext's singleton options.
/// </summary>
public sealed class NewContextPerOrder(DbContextOptions<MarketDbContext> options) : IDbContextFactory<MarketDbContext>
{
    public MarketDbContext CreateDbContext() => new(options);
}
