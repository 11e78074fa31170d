using MarketBlazor.Data;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.Tests.Live;

/// <summary>Contexts created only after <paramref name="beforeEach"/> completes: a test makes it throw (a fault) or wait (a slow database).</summary>
internal sealed class InterceptedContexts(IDbContextFactory<MarketDbContext> contexts, Func<Task> beforeEach) : IDbContextFactory<MarketDbContext>
{
    public MarketDbContext CreateDbContext()
    {
        beforeEach().GetAwaiter().GetResult();
        return contexts.CreateDbContext();
    }

    public async Task<MarketDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
    {
        await beforeEach();
        return await contexts.CreateDbContextAsync(cancellationToken);
    }
}
