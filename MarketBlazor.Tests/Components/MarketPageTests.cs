using Bunit;
using MarketBlazor.App.Components.Pages.Market;
using MarketBlazor.Data.Entities;
using MarketBlazor.Tests.Infrastructure;

namespace MarketBlazor.Tests.Components;

public class MarketPageTests(DatabaseFixture database) : DatabaseTest(database)
{
    [Fact]
    public async Task A_trade_moves_the_prices_extends_the_chart_and_joins_the_feed_with_the_traders_name()
    {
        var market = await Data.MarketAsync();
        var trader = await Data.AccountAsync();
        await using var context = await MudTestContext.StartAsync(Database);
        var page = context.Render<MarketPage>(parameters => parameters.Add(p => p.Slug, market.Slug));
        Assert.Equal("50.0%", page.Find("[data-testid=\"market-yes-price\"]").TextContent);
        var pointsBefore = int.Parse(page.Find("[data-testid=\"price-chart\"]").GetAttribute("data-points")!);

        var filled = await MudTestContext.FillAsync(context.Trades, trader.Id, market.Id, Side.Yes, TradeAction.Buy, 10);

        page.WaitForAssertion(() =>
        {
            Assert.Equal("54.8%", page.Find("[data-testid=\"market-yes-price\"]").TextContent);
            Assert.Equal("45.2%", page.Find("[data-testid=\"market-no-price\"]").TextContent);
            Assert.Equal(pointsBefore + 1, int.Parse(page.Find("[data-testid=\"price-chart\"]").GetAttribute("data-points")!));
            var item = page.Find($"[data-testid=\"trade-feed\"] [data-testid=\"trade-{filled.Trade.Id}\"]");
            Assert.Contains(trader.DisplayName, item.TextContent);
        }, MudTestContext.Patience);
    }

    [Fact]
    public async Task The_position_shows_the_current_accounts_shares()
    {
        var market = await Data.MarketAsync();
        var trader = await Data.AccountAsync();
        await using var context = await MudTestContext.StartAsync(Database);
        var page = context.Render<MarketPage>(parameters => parameters.Add(p => p.Slug, market.Slug));
        Assert.Contains("Sign in to see your position", page.Find("[data-testid=\"my-position\"]").TextContent);

        context.SignInAs(trader);
        page.WaitForAssertion(() => Assert.Contains("You hold no shares", page.Find("[data-testid=\"my-position\"]").TextContent), MudTestContext.Patience);
        var filled = await MudTestContext.FillAsync(context.Trades, trader.Id, market.Id, Side.No, TradeAction.Buy, 10);

        page.WaitForAssertion(() => Assert.Equal(filled.Trade.Shares.ToString("N2", System.Globalization.CultureInfo.InvariantCulture),
            page.Find("[data-testid=\"my-position-no\"]").TextContent), MudTestContext.Patience);
    }

    [Fact]
    public async Task An_unknown_slug_shows_a_friendly_not_found_message()
    {
        await using var context = await MudTestContext.StartAsync(Database);

        var page = context.Render<MarketPage>(parameters => parameters.Add(p => p.Slug, "no-such-market"));

        Assert.Contains("We could not find a market at this address", page.Find("[data-testid=\"market-not-found\"]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=\"trade-ticket\"]"));
    }
}
