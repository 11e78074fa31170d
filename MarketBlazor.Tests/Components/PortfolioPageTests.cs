using System.Globalization;
using Bunit;
using MudBlazor;
using MarketBlazor.App.Components.Pages.Portfolio;
using MarketBlazor.Data.Entities;
using MarketBlazor.Tests.Infrastructure;

namespace MarketBlazor.Tests.Components;

public class PortfolioPageTests(DatabaseFixture database) : DatabaseTest(database)
{
    [Fact]
    public async Task Value_and_profit_and_loss_are_marked_at_board_prices_and_follow_them_live()
    {
        var market = await Data.MarketAsync(liquidity: 100m);
        var trader = await Data.AccountAsync(1_000m);
        var mover = await Data.AccountAsync(10_000m);
        var service = TradeServices.Service(Database.Contexts);
        var bought = await MudTestContext.FillAsync(service, trader.Id, market.Id, Side.Yes, TradeAction.Buy, 10);
        var pushedDown = await MudTestContext.FillAsync(service, mover.Id, market.Id, Side.No, TradeAction.Buy, 50);
        await using var context = await MudTestContext.StartAsync(Database);
        context.SignInAs(trader);

        var page = context.Render<PortfolioPage>();

        // Worked by hand from LMSR, not from the app's code: 19.09 Yes bought for 10.00, then No bought
        // pushes Yes down, so the position is worth less than it cost.
        var yesShares = bought.Trade.Shares;
        var value = yesShares * YesPrice(yesShares, pushedDown.Trade.Shares, 100);
        Assert.Equal("19.09", yesShares.ToString("0.00", CultureInfo.InvariantCulture));
        Assert.True(value < 10m);
        page.WaitForAssertion(() =>
        {
            Assert.Equal("990.00", page.Find("[data-testid=\"portfolio-balance\"]").TextContent);
            Assert.Equal(Money(value), page.Find($"[data-testid=\"position-value-{market.Id}\"]").TextContent);
            Assert.Equal("10.00", page.Find($"[data-testid=\"position-cost-{market.Id}\"]").TextContent);
            var pnl = page.Find($"[data-testid=\"position-pnl-{market.Id}\"]");
            Assert.Equal(SignedMoney(value - 10m), pnl.TextContent);
            Assert.True(pnl.ClassList.Contains("loss"));
            Assert.Equal(Money(990m + value), page.Find("[data-testid=\"portfolio-net-worth\"]").TextContent);
            Assert.NotNull(page.Find($"[data-testid=\"trade-history\"] [data-testid=\"history-{bought.Trade.Id}\"]"));
        }, MudTestContext.Patience);

        var pushedUp = await MudTestContext.FillAsync(context.Trades, mover.Id, market.Id, Side.Yes, TradeAction.Buy, 200);

        var higher = yesShares * YesPrice(yesShares + pushedUp.Trade.Shares, pushedDown.Trade.Shares, 100);
        Assert.True(higher > 10m);
        page.WaitForAssertion(() =>
        {
            Assert.Equal(Money(higher), page.Find($"[data-testid=\"position-value-{market.Id}\"]").TextContent);
            var pnl = page.Find($"[data-testid=\"position-pnl-{market.Id}\"]");
            Assert.Equal(SignedMoney(higher - 10m), pnl.TextContent);
            Assert.True(pnl.ClassList.Contains("gain"));
        }, MudTestContext.Patience);
    }

    [Fact]
    public async Task The_accounts_own_new_trades_join_its_history_live()
    {
        var market = await Data.MarketAsync();
        var trader = await Data.AccountAsync();
        var other = await Data.AccountAsync();
        await using var context = await MudTestContext.StartAsync(Database);
        context.SignInAs(trader);
        var page = context.Render<PortfolioPage>();
        page.WaitForAssertion(() => Assert.Contains("No trades yet.", page.Find("[data-testid=\"trade-history\"]").TextContent), MudTestContext.Patience);

        var mine = await MudTestContext.FillAsync(context.Trades, trader.Id, market.Id, Side.No, TradeAction.Buy, 5);
        var theirs = await MudTestContext.FillAsync(context.Trades, other.Id, market.Id, Side.Yes, TradeAction.Buy, 5);

        page.WaitForAssertion(() =>
        {
            Assert.NotNull(page.Find($"[data-testid=\"history-{mine.Trade.Id}\"]"));
            Assert.NotNull(page.Find($"[data-testid=\"position-{market.Id}\"]"));
        }, MudTestContext.Patience);
        Assert.Empty(page.FindAll($"[data-testid=\"history-{theirs.Trade.Id}\"]"));
    }

    [Fact]
    public async Task A_no_position_shows_the_no_price_and_profits_taken_show_as_cash_out()
    {
        var noMarket = await Data.MarketAsync(liquidity: 100m);
        var flipped = await Data.MarketAsync(liquidity: 100m);
        var trader = await Data.AccountAsync(1_000m);
        var mover = await Data.AccountAsync(10_000m);
        var service = TradeServices.Service(Database.Contexts);
        var noFill = await MudTestContext.FillAsync(service, trader.Id, noMarket.Id, Side.No, TradeAction.Buy, 10);
        // Buy Yes, let the price run up, sell most of it: more cash came out than went in.
        var bought = await MudTestContext.FillAsync(service, trader.Id, flipped.Id, Side.Yes, TradeAction.Buy, 50);
        await MudTestContext.FillAsync(service, mover.Id, flipped.Id, Side.Yes, TradeAction.Buy, 400);
        var sold = await MudTestContext.FillAsync(service, trader.Id, flipped.Id, Side.Yes, TradeAction.Sell, (double)Math.Round(bought.Trade.Shares * 0.9m, 6, MidpointRounding.ToZero));
        Assert.True(sold.Trade.Amount > 50m, "the sale should return more than the buy cost");
        await using var context = await MudTestContext.StartAsync(Database);
        context.SignInAs(trader);

        var page = context.Render<PortfolioPage>();

        page.WaitForAssertion(() =>
        {
            var noPrice = page.Find($"[data-testid=\"position-price-{noMarket.Id}\"]").TextContent;
            Assert.StartsWith("No ", noPrice);
            Assert.Equal($"No {Percent(1 - YesPrice(0, noFill.Trade.Shares, 100))}", noPrice);
            Assert.Equal($"{Money(sold.Trade.Amount - 50m)} out", page.Find($"[data-testid=\"position-cost-{flipped.Id}\"]").TextContent);
            Assert.Contains("Total P&amp;L", page.Markup);
            Assert.DoesNotContain("Unrealised", page.Markup);
        }, MudTestContext.Patience);
    }

    private static string Percent(decimal price) => (price * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static decimal YesPrice(decimal yesShares, decimal noShares, double liquidity) =>
        (decimal)(1 / (1 + Math.Exp((double)(noShares - yesShares) / liquidity)));

    private static string Money(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);

    private static string SignedMoney(decimal amount) => (amount >= 0 ? "+" : "-") + Math.Abs(amount).ToString("N2", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_trade_history_pages_by_25_and_filters_by_side_action_and_market_showing_only_the_accounts_own_trades()
    {
        var market = await Data.MarketAsync();
        var trader = await Data.AccountAsync();
        var other = await Data.AccountAsync();
        var rows = new TradeRows(Database.Contexts);
        var yesBuys = await rows.InsertAsync(trader.Id, market.Id, 27);
        var noSells = await rows.InsertAsync(trader.Id, market.Id, 3, Side.No, TradeAction.Sell);
        var theirs = await rows.InsertAsync(other.Id, market.Id, 5, Side.No, TradeAction.Sell);
        await using var context = await MudTestContext.StartAsync(Database);
        context.SignInAs(trader);
        var page = context.Render<PortfolioPage>();
        string Range() => page.Find("[data-testid=\"history-range\"]").TextContent.Trim();
        bool Shows(long tradeId) => page.FindAll($"[data-testid=\"history-{tradeId}\"]").Count == 1;

        page.WaitForAssertion(() => Assert.Equal("1–25 of 30", Range()), MudTestContext.Patience);
        // Newest first: the three sells were written last.
        Assert.All(noSells, t => Assert.True(Shows(t.Id)));
        Assert.False(Shows(yesBuys[0].Id));

        var pager = page.FindComponent<MudPagination>();
        await page.InvokeAsync(() => pager.Instance.SelectedChanged.InvokeAsync(2));
        page.WaitForAssertion(() => Assert.Equal("26–30 of 30", Range()), MudTestContext.Patience);
        Assert.All(yesBuys.Take(5), t => Assert.True(Shows(t.Id)));

        page.Find("[data-testid=\"history-side-no\"]").Click();
        page.WaitForAssertion(() => Assert.Equal("1–3 of 3", Range()), MudTestContext.Patience);
        Assert.All(noSells, t => Assert.True(Shows(t.Id)));
        Assert.All(theirs, t => Assert.False(Shows(t.Id)));
        Assert.Empty(page.FindComponents<MudPagination>());

        page.Find("[data-testid=\"history-action-buy\"]").Click();
        page.WaitForAssertion(() => Assert.Equal("No trades match these filters.", page.Find("[data-testid=\"history-empty\"]").TextContent.Trim()), MudTestContext.Patience);

        page.Find("[data-testid=\"history-side-any\"]").Click();
        page.Find("[data-testid=\"history-filter-market\"] input, input[data-testid=\"history-filter-market\"]").Input("no such market");
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=\"history-empty\"]")), MudTestContext.Patience);
        page.Find("[data-testid=\"history-filter-market\"] input, input[data-testid=\"history-filter-market\"]").Input(market.Slug.ToUpperInvariant());
        page.WaitForAssertion(() => Assert.Equal("1–25 of 27", Range()), MudTestContext.Patience);
    }
}
