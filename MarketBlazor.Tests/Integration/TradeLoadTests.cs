using System.Collections.Concurrent;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.Tests.Integration;

[Trait("Speed", "Slow")]
public class TradeLoadTests(DatabaseFixture database) : DatabaseTest(database)
{
    private const int Traders = 16;
    private const int OrdersPerTrader = 300;
    private const int Markets = 5;

    [Fact]
    public async Task Parallel_traders_with_stale_quotes_mixed_in_leave_every_invariant_intact()
    {
        var markets = new List<int>();
        for (var i = 0; i < Markets; i++) markets.Add((await Data.MarketAsync(liquidity: 50m + 100m * i)).Id);
        var accounts = new List<int>();
        for (var i = 0; i < Traders; i++) accounts.Add((await Data.AccountAsync(5_000m)).Id);
        var service = TradeServices.Service(Database.Contexts);
        var outcomes = new ConcurrentBag<(OrderRequest Order, OrderResult Result)>();

        await Task.WhenAll(accounts.Select((accountId, trader) => Task.Run(async () =>
        {
            var random = new Random(trader);
            var held = new Dictionary<(int, Side), decimal>();
            Quote? oldQuote = null;
            for (var i = 0; i < OrdersPerTrader; i++)
            {
                var marketId = markets[random.Next(markets.Count)];
                var side = random.Next(2) == 0 ? Side.Yes : Side.No;
                var holding = held.GetValueOrDefault((marketId, side));
                var sell = holding > 0.01m && random.NextDouble() < 0.35;
                var amount = sell ? Math.Round(holding * (decimal)random.NextDouble(), 6) : Math.Round((decimal)(random.NextDouble() * 20) + 0.5m, 2);
                if (amount <= 0) continue;
                var quote = (await service.QuoteAsync(marketId, side, sell ? TradeAction.Sell : TradeAction.Buy, (double)amount)).Quote!;

                // One order in ten replays an old quote with zero tolerance: it must fill at that price or better, or be refused.
                var stale = oldQuote is not null && random.NextDouble() < 0.1 && oldQuote.Action == TradeAction.Buy;
                var used = stale ? oldQuote! : quote;
                var order = new OrderRequest(accountId, used.MarketId, used.Side, used.Action, (double)used.Amount,
                    (double)used.AveragePrice, used.Sequence, stale ? 0 : 0.05);
                var result = await service.PlaceOrderAsync(order);
                outcomes.Add((order, result));
                if (result is OrderFilled filled)
                {
                    var key = (filled.Trade.MarketId, filled.Trade.Side);
                    held[key] = held.GetValueOrDefault(key) + (filled.Trade.Action == TradeAction.Buy ? filled.Trade.Shares : -filled.Trade.Shares);
                }
                oldQuote = quote;
            }
        })));

        var fills = outcomes.Where(o => o.Result is OrderFilled).ToList();
        var rejections = outcomes.Select(o => o.Result).OfType<OrderRejected>().ToList();
        Assert.True(fills.Count > Traders * OrdersPerTrader / 2, $"only {fills.Count} fills");
        Assert.Contains(rejections, r => r.Reason == RejectReason.StaleQuote);
        Assert.DoesNotContain(rejections, r => r.Reason is RejectReason.Busy or RejectReason.Invalid or RejectReason.NotFound);

        foreach (var (order, result) in fills)
        {
            var trade = ((OrderFilled)result).Trade;
            // A limit price: never worse for the trader than the quote plus the slippage, better is fine.
            var worse = order.Action == TradeAction.Buy
                ? trade.AveragePrice - (decimal)order.QuotedPrice
                : (decimal)order.QuotedPrice - trade.AveragePrice;
            Assert.True(worse <= (decimal)order.Slippage, $"{order.Action} filled at {trade.AveragePrice}, quoted {order.QuotedPrice} with {order.Slippage} slippage");
        }

        await using var db = await Database.Contexts.CreateDbContextAsync();
        var filledIds = fills.Select(f => ((OrderFilled)f.Result).Trade.Id).ToList();
        Assert.Equal(filledIds.Count, filledIds.Distinct().Count());
        Assert.Equal(filledIds.Count, await db.Trades.CountAsync(t => filledIds.Contains(t.Id)));
        Assert.Equal(filledIds.Count, await db.Trades.CountAsync());
        await Invariants.AssertHoldAsync(Database.ConnectionString);
    }
}
