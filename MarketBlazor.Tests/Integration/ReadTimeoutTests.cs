using System.Diagnostics;
using MarketBlazor.Data.Queries;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.Tests.Integration;

/// <summary>A read made for a request gives up after the read timeout when the database holds it, rather than hanging the request.</summary>
[Trait("Speed", "Slow")]
public sealed class ReadTimeoutTests(DatabaseFixture database) : DatabaseTest(database)
{
    [Fact]
    public async Task A_read_blocked_by_the_database_fails_after_the_read_timeout()
    {
        var market = await Data.MarketAsync();
        var reader = new MarketReader(Database.Contexts);
        // Another transaction holds the table exclusively: every read of it waits, as during a stall.
        await using var blocker = await Database.Contexts.CreateDbContextAsync();
        await using var transaction = await blocker.Database.BeginTransactionAsync();
        await blocker.Database.ExecuteSqlRawAsync("LOCK TABLE trades IN ACCESS EXCLUSIVE MODE");

        var watch = Stopwatch.StartNew();
        var error = await Record.ExceptionAsync(() => reader.TradesAfterAsync(market.Id, 0, 10));
        watch.Stop();

        Assert.NotNull(error);
        Assert.InRange(watch.Elapsed, ReadContexts.CommandTimeout - TimeSpan.FromSeconds(1), ReadContexts.CommandTimeout + TimeSpan.FromSeconds(10));
        await transaction.RollbackAsync();
        Assert.Empty(await reader.TradesAfterAsync(market.Id, 0, 10));
    }
}
