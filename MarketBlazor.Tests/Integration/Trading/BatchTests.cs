using System.Data.Common;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MarketBlazor.Tests.Integration.Trading;

/// <summary>Orders queued on one market are written as one batch, yet each is answered on its own merits.</summary>
public class BatchTests(DatabaseFixture database) : DatabaseTest(database)
{
    [Fact]
    public async Task A_batch_with_mixed_outcomes_answers_each_order_and_writes_only_the_fill()
    {
        var market = await Data.MarketAsync();
        var rich = await Data.AccountAsync();
        var poor = await Data.AccountAsync(5m);
        var late = await Data.AccountAsync();
        var saves = new BatchWriteCounter();
        var service = TradeServices.Service(Database.CreateFactory(saves));
        var quote = (await service.QuoteAsync(market.Id, Side.Yes, TradeAction.Buy, 10)).Quote!;
        var order = new OrderRequest(rich.Id, market.Id, Side.Yes, TradeAction.Buy, 10, (double)quote.AveragePrice, quote.Sequence, 0.01);

        var results = await QueuedAsOneBatchAsync(service, market.Id,
            order,
            // Priced after the first fill, which moved Yes up by more than this order allows.
            order with { AccountId = late.Id, Slippage = 0 },
            order with { AccountId = poor.Id, Slippage = 0.5 },
            order with { AccountId = 424_242, Slippage = 0.5 });

        var filled = Assert.IsType<OrderFilled>(results[0]);
        Assert.Equal(RejectReason.StaleQuote, Assert.IsType<OrderRejected>(results[1]).Reason);
        Assert.Equal(RejectReason.InsufficientFunds, Assert.IsType<OrderRejected>(results[2]).Reason);
        var unknown = Assert.IsType<OrderRejected>(results[3]);
        Assert.Equal(RejectReason.NotFound, unknown.Reason);
        Assert.Contains("424242", unknown.Message);
        Assert.Equal(1, saves.Count);
        await using var db = await Database.Contexts.CreateDbContextAsync();
        Assert.Equal(filled.Trade.Id, (await db.Trades.SingleAsync()).Id);
        Assert.Equal(5m, (await db.Accounts.SingleAsync(a => a.Id == poor.Id)).Balance);
        Assert.Equal(1_000m, (await db.Accounts.SingleAsync(a => a.Id == late.Id)).Balance);
        Assert.Equal(1, await db.Positions.CountAsync());
        await Invariants.AssertHoldAsync(Database.ConnectionString);
    }

    [Fact]
    public async Task The_same_order_id_twice_in_one_batch_fills_once_and_both_get_that_fill()
    {
        var market = await Data.MarketAsync();
        var account = await Data.AccountAsync();
        var service = TradeServices.Service(Database.Contexts);
        var order = new OrderRequest(account.Id, market.Id, Side.Yes, TradeAction.Buy, 10, 0.5238, 0, 0.01, Guid.NewGuid());

        var results = await QueuedAsOneBatchAsync(service, market.Id, order, order);

        var fills = results.Select(r => Assert.IsType<OrderFilled>(r)).ToList();
        Assert.Equal(fills[0].Trade.Id, fills[1].Trade.Id);
        await using var db = await Database.Contexts.CreateDbContextAsync();
        Assert.Equal(1, await db.Trades.CountAsync());
        Assert.Equal(990m, (await db.Accounts.SingleAsync()).Balance);
        await Invariants.AssertHoldAsync(Database.ConnectionString);
    }

    [Fact]
    public async Task An_order_id_reused_for_another_order_in_the_same_batch_is_refused()
    {
        var market = await Data.MarketAsync();
        var account = await Data.AccountAsync();
        var service = TradeServices.Service(Database.Contexts);
        var order = new OrderRequest(account.Id, market.Id, Side.Yes, TradeAction.Buy, 10, 0.5238, 0, 0.05, Guid.NewGuid());

        var results = await QueuedAsOneBatchAsync(service, market.Id, order, order with { Amount = 20 });

        Assert.IsType<OrderFilled>(results[0]);
        Assert.Equal(RejectReason.OrderIdReused, Assert.IsType<OrderRejected>(results[1]).Reason);
        await using var db = await Database.Contexts.CreateDbContextAsync();
        Assert.Equal(1, await db.Trades.CountAsync());
    }

    [Fact]
    public async Task The_same_order_id_in_a_later_batch_gets_the_first_fill_back()
    {
        var market = await Data.MarketAsync();
        var account = await Data.AccountAsync();
        var service = TradeServices.Service(Database.Contexts);
        var order = new OrderRequest(account.Id, market.Id, Side.Yes, TradeAction.Buy, 10, 0.5238, 0, 0.5, Guid.NewGuid());
        var first = Assert.IsType<OrderFilled>(await service.PlaceOrderAsync(order));

        // Alongside a new order, so the repeat is written in a batch of two; with a wide slippage it would fill again if not caught.
        var other = await Data.AccountAsync();
        var results = await QueuedAsOneBatchAsync(service, market.Id, order with { }, order with { AccountId = other.Id, OrderId = Guid.NewGuid() });

        Assert.Equal(first.Trade.Id, Assert.IsType<OrderFilled>(results[0]).Trade.Id);
        Assert.IsType<OrderFilled>(results[1]);
        await using var db = await Database.Contexts.CreateDbContextAsync();
        Assert.Equal(2, await db.Trades.CountAsync());
        Assert.Equal(990m, (await db.Accounts.SingleAsync(a => a.Id == account.Id)).Balance);
        await Invariants.AssertHoldAsync(Database.ConnectionString);
    }

    /// <summary>
    /// Queues every order while the market's gate is held (PlaceOrderAsync enqueues before it first
    /// waits), so the first to enter after it is released takes them all as one batch.
    /// </summary>
    private static async Task<OrderResult[]> QueuedAsOneBatchAsync(TradeService service, int marketId, params OrderRequest[] orders)
    {
        var placed = await service.WithMarketLockedAsync(marketId, () => Task.FromResult(orders.Select(o => service.PlaceOrderAsync(o)).ToList()));
        return await Task.WhenAll(placed);
    }
}
