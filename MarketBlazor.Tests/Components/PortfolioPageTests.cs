using System.Globalization;
using Bunit;
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

    private static decimal YesPrice(decimal yesShares, decimal noShares, double liquidity) =>
        (decimal)(1 / (1 + Math.Exp((double)(noShares - yesShares) / liquidity)));

    private static string Money(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);

    private static string SignedMoney(decimal amount) => (amount >= 0 ? "+" : "-") + Math.Abs(amount).ToString("N2", CultureInfo.InvariantCulture);
}
