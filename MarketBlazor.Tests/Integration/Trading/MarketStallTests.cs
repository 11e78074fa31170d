using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MarketBlazor.Tests.Integration.Trading;

/// <summary>An order queued behind a batch the database holds up is told so, not that the market is crowded.</summary>
public class MarketStallTests(DatabaseFixture database) : DatabaseTest(database)
{
    [Fact]
    public async Task An_order_behind_a_stalled_write_says_the_database_holds_the_market_and_writes_nothing()
    {
        var market = await Data.MarketAsync();
        var first = await Data.AccountAsync();
        var second = await Data.AccountAsync();
        var service = new TradeService(Database.Contexts, [],
            Options.Create(new TradingOptions { MarketQueueTimeout = TimeSpan.FromMilliseconds(300), OrderTimeout = TimeSpan.FromSeconds(10) }),
            TimeProvider.System, NullLogger<TradeService>.Instance);

        // Another session holds the market row: the first order's write waits on that lock, holding the market's lane.
        await using var locker = new NpgsqlConnection(Database.ConnectionString);
        await locker.OpenAsync();
        await using var lockTransaction = await locker.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM markets WHERE id = @id FOR UPDATE", locker, lockTransaction))
        {
            lockRow.Parameters.AddWithValue("id", market.Id);
            await lockRow.ExecuteNonQueryAsync();
        }
        var stalled = service.PlaceOrderAsync(OrderFor(first.Id, market.Id));
        await WaitForLockWaitAsync();

        var busy = Assert.IsType<OrderRejected>(await service.PlaceOrderAsync(OrderFor(second.Id, market.Id)));
        await lockTransaction.RollbackAsync();

        Assert.Equal(RejectReason.Busy, busy.Reason);
        Assert.Contains("still waiting for the database", busy.Message);
        Assert.Contains("nothing was written", busy.Message);
        Assert.DoesNotContain("Too many orders", busy.Message);
        Assert.IsType<OrderFilled>(await stalled);
        await using var db = await Database.Contexts.CreateDbContextAsync();
        Assert.Equal(first.Id, (await db.Trades.SingleAsync()).AccountId);
    }

    private async Task WaitForLockWaitAsync()
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var waiting = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%UPDATE markets%'", connection);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((long)(await waiting.ExecuteScalarAsync())! == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the first order never waited on the market's row lock");
            await Task.Delay(10);
        }
    }

    private static OrderRequest OrderFor(int accountId, int marketId) =>
        new(accountId, marketId, Side.Yes, TradeAction.Buy, 10, 0.5238, 0, 0.05);
}
