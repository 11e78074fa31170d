using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.Data.Queries;

/// <summary>Contexts for reads made on behalf of a request: a stalled database fails the read after <see cref="CommandTimeout"/> instead of holding the request.</summary>
public static class ReadContexts
{
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(5);

    public static async Task<MarketDbContext> CreateReadContextAsync(this IDbContextFactory<MarketDbContext> contexts, CancellationToken cancellationToken)
    {
        var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Database.SetCommandTimeout(CommandTimeout);
        return db;
    }
}
