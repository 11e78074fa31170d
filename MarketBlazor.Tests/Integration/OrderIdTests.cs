using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.Tests.Integration;

/// <summary>An order id a caller chose fills at most once: a retry gets that fill back, a different order under it is refused.</summary>
public class OrderIdTests(DatabaseFixture database) : DatabaseTest(database)
{
    [Fact]
    public async Task The_same_order_sent_many_times_at_once_fills_once_and_every_copy_answers_that_fill()
    {
        var market = await Data.MarketAsync();
        var account = await Data.AccountAsync();
        var service = TradeServices.Service(Database.Contexts);
        var order = new OrderRequest(account.Id, market.Id, Side.Yes, TradeAction.Buy, 10, 0.5238, 0, 0.01, Guid.NewGuid());

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => service.PlaceOrderAsync(order))));

        var fills = results.Select(r => Assert.IsType<OrderFilled>(r)).ToList();
        Assert.Single(fills.Select(f => f.Trade.Id).Distinct());
        await using var db = await Database.Contexts.CreateDbContextAsync();
        Assert.Equal(1, await db.Trades.CountAsync());
        Assert.Equal(990m, (await db.Accounts.SingleAsync()).Balance);
        await Invariants.AssertHoldAsync(Database.ConnectionString);
    }

    [Fact]
    public async Task A_retry_through_another_process_gets_the_first_fill_and_a_changed_order_is_refused()
    {
        var market = await Data.MarketAsync();
        var account = await Data.AccountAsync();
        var order = new OrderRequest(account.Id, market.Id, Side.Yes, TradeAction.Buy, 10, 0.5238, 0, 0.01, Guid.NewGuid());
        var first = Assert.IsType<OrderFilled>(await TradeServices.Service(Database.Contexts).PlaceOrderAsync(order));
        var elsewhere = TradeServices.Service(Database.CreateFactory());

        var retried = Assert.IsType<OrderFilled>(await elsewhere.PlaceOrderAsync(order));
        var changed = Assert.IsType<OrderRejected>(await elsewhere.PlaceOrderAsync(order with { Amount = 11 }));

        Assert.Equal(first.Trade.Id, retried.Trade.Id);
        Assert.Equal(RejectReason.OrderIdReused, changed.Reason);
        await using var db = await Database.Contexts.CreateDbContextAsync();
        Assert.Equal(1, await db.Trades.CountAsync());
        Assert.NotNull((await db.Trades.SingleAsync()).OrderFingerprint);
    }

    [Fact]
    public void The_fingerprint_tells_every_term_of_an_order_apart()
    {
        var order = new OrderRequest(1, 2, Side.Yes, TradeAction.Buy, 10, 0.5, 3, 0.01, Guid.NewGuid());

        var variants = new[]
        {
            order with { AccountId = 9 }, order with { MarketId = 9 }, order with { Side = Side.No }, order with { Action = TradeAction.Sell },
            order with { Amount = 10.000001 }, order with { QuotedPrice = 0.51 }, order with { QuotedSequence = 4 }, order with { Slippage = 0.02 },
        };

        Assert.Equal(OrderFingerprint.Of(order), OrderFingerprint.Of(order with { OrderId = Guid.NewGuid() }));
        Assert.All(variants, v => Assert.NotEqual(OrderFingerprint.Of(order), OrderFingerprint.Of(v)));
    }
}
