using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;
using MarketBlazor.Tests.Infrastructure;

namespace MarketBlazor.Tests.Integration.Trading;

/// <summary>Slippage is a limit price: a move in the trader's favour always fills, a move against them beyond it is refused with a fresh quote.</summary>
public class PriceLimitTests(DatabaseFixture database) : DatabaseTest(database)
{
    private const double Slippage = 0.01;

    private TradeService Service => TradeServices.Service(Database.Contexts);

    [Theory]
    [InlineData(TradeAction.Buy)]
    [InlineData(TradeAction.Sell)]
    public async Task A_price_better_than_the_limit_by_more_than_the_slippage_fills(TradeAction action)
    {
        var (market, trader, quote) = await QuotedTraderAsync(action);
        // A buyer of Yes gains when Yes gets cheaper, a seller when it gets dearer.
        await MoveYesPriceAsync(market.Id, down: action == TradeAction.Buy);

        var filled = Assert.IsType<OrderFilled>(await Service.PlaceOrderAsync(OrderFor(trader.Id, quote)));

        var better = action == TradeAction.Buy ? quote.AveragePrice - filled.Trade.AveragePrice : filled.Trade.AveragePrice - quote.AveragePrice;
        Assert.True(better > (decimal)Slippage, $"{action} quoted {quote.AveragePrice} filled at {filled.Trade.AveragePrice}: not better by more than the slippage");
        await Invariants.AssertHoldAsync(Database.ConnectionString);
    }

    [Theory]
    [InlineData(TradeAction.Buy)]
    [InlineData(TradeAction.Sell)]
    public async Task A_price_worse_than_the_limit_is_refused_as_stale_with_a_fresh_quote_and_writes_nothing(TradeAction action)
    {
        var (market, trader, quote) = await QuotedTraderAsync(action);
        await MoveYesPriceAsync(market.Id, down: action == TradeAction.Sell);
        var before = await Data.FingerprintAsync();

        var rejected = Assert.IsType<OrderRejected>(await Service.PlaceOrderAsync(OrderFor(trader.Id, quote)));

        Assert.Equal(RejectReason.StaleQuote, rejected.Reason);
        var fresh = Assert.IsType<Quote>(rejected.FreshQuote);
        var worse = action == TradeAction.Buy ? fresh.AveragePrice - quote.AveragePrice : quote.AveragePrice - fresh.AveragePrice;
        Assert.True(worse > (decimal)Slippage, $"{action} quoted {quote.AveragePrice}, fresh {fresh.AveragePrice}: not worse by more than the slippage");
        Assert.Equal(before, await Data.FingerprintAsync());
        Assert.IsType<OrderFilled>(await Service.PlaceOrderAsync(OrderFor(trader.Id, fresh)));
    }

    /// <summary>A market, a trader holding Yes shares to sell, and the trader's quote for <paramref name="action"/> on Yes.</summary>
    private async Task<(Market Market, Account Trader, Quote Quote)> QuotedTraderAsync(TradeAction action)
    {
        var market = await Data.MarketAsync();
        var trader = await Data.AccountAsync();
        var bought = Assert.IsType<OrderFilled>(await Service.PlaceOrderAsync(OrderFor(trader.Id, await QuoteAsync(market.Id, Side.Yes, TradeAction.Buy, 40))));
        var amount = action == TradeAction.Buy ? 10 : (double)Math.Round(bought.Trade.Shares / 2, 6);
        return (market, trader, await QuoteAsync(market.Id, Side.Yes, action, amount));
    }

    /// <summary>Another trader moves the Yes price by several points: buying No moves it down, buying Yes moves it up.</summary>
    private async Task MoveYesPriceAsync(int marketId, bool down)
    {
        var mover = await Data.AccountAsync(10_000m);
        var quote = await QuoteAsync(marketId, down ? Side.No : Side.Yes, TradeAction.Buy, 300);
        Assert.IsType<OrderFilled>(await Service.PlaceOrderAsync(OrderFor(mover.Id, quote)));
    }

    private async Task<Quote> QuoteAsync(int marketId, Side side, TradeAction action, double amount) =>
        (await Service.QuoteAsync(marketId, side, action, amount)).Quote ?? throw new Xunit.Sdk.XunitException("no quote");

    private static OrderRequest OrderFor(int accountId, Quote quote) =>
        new(accountId, quote.MarketId, quote.Side, quote.Action, (double)quote.Amount, (double)quote.AveragePrice, quote.Sequence, Slippage);
}
