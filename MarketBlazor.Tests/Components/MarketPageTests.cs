using Bunit;
using MarketBlazor.App.Components.Pages.Market;
using MarketBlazor.App.Components.Shared;
using MarketBlazor.App.Live;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Queries;
using MarketBlazor.Data.Trading;
using MarketBlazor.Tests.Infrastructure;
using MarketBlazor.Tests.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

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
    public async Task A_known_slug_does_not_ask_for_not_found()
    {
        var market = await Data.MarketAsync();
        await using var context = await MudTestContext.StartAsync(Database);
        var notFound = 0;
        context.Services.GetRequiredService<NavigationManager>().OnNotFound += (_, _) => notFound++;

        var page = context.Render<MarketPage>(parameters => parameters.Add(p => p.Slug, market.Slug));

        page.WaitForElement("[data-testid=\"trade-ticket\"]", MudTestContext.Patience);
        Assert.Equal(0, notFound);
    }

    [Fact]
    public async Task An_unknown_slug_shows_a_friendly_not_found_message()
    {
        await using var context = await MudTestContext.StartAsync(Database);
        var notFound = 0;
        context.Services.GetRequiredService<NavigationManager>().OnNotFound += (_, _) => notFound++;

        var page = context.Render<MarketPage>(parameters => parameters.Add(p => p.Slug, "no-such-market"));

        // The signal the host turns into a 404 and the router's not-found page (EndToEnd/MarketPageBrowserTests checks the status).
        Assert.Equal(1, notFound);
        Assert.Contains("We could not find a market at this address", page.Find("[data-testid=\"market-not-found\"]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=\"trade-ticket\"]"));
    }

    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_gap_the_board_no_longer_holds_is_filled_from_the_database()
    {
        var market = await Data.MarketAsync();
        var trader = await Data.AccountAsync();
        await using var context = await MudTestContext.StartAsync(Database);
        var page = context.Render<MarketPage>(parameters => parameters.Add(p => p.Slug, market.Slug));

        var missed = await TradeBehindTheBoardsBackAsync(context, trader.Id, market.Id, 3);
        // As after a repair (or a start-up that loads no trades): the board is current but holds none of the trades.
        context.Board.Repair(missed[^1].Market, [], []);
        context.Broadcaster.Publish(new MarketChange(missed[^1].Market, missed[^1].Trade));

        page.WaitForAssertion(() =>
        {
            Assert.Equal(missed.Select(f => f.Trade.Id).Reverse(), ListedTradeIds(page));
            Assert.Equal(Format.Percent(missed[^1].Market.YesPrice), page.Find("[data-testid=\"market-yes-price\"]").TextContent);
            Assert.Empty(page.FindAll("[data-testid=\"catching-up\"]"));
        }, MudTestContext.Patience);
    }

    [Fact]
    public async Task A_catch_up_that_cannot_reach_the_database_says_so_and_recovers_once_it_answers()
    {
        var market = await Data.MarketAsync();
        var trader = await Data.AccountAsync();
        var outage = new InjectedFault(() => new TimeoutException("The database did not answer"), times: int.MaxValue);
        await using var context = await MudTestContext.StartAsync(Database);
        context.Services.AddSingleton(new MarketReader(new InterceptedContexts(Database.Contexts, outage.ThrowIfArmedAsync)));
        var page = context.Render<MarketPage>(parameters => parameters.Add(p => p.Slug, market.Slug));

        var missed = await TradeBehindTheBoardsBackAsync(context, trader.Id, market.Id, 2);
        context.Board.Repair(missed[^1].Market, [], []);
        context.Broadcaster.Publish(new MarketChange(missed[^1].Market, missed[^1].Trade));

        page.WaitForAssertion(() =>
        {
            Assert.Contains("could not be loaded", page.Find("[data-testid=\"catch-up-failed\"]").TextContent);
            Assert.Empty(page.FindAll("[data-testid=\"catching-up\"]"));
        }, MudTestContext.Patience);
        Assert.Empty(ListedTradeIds(page));

        outage.Clear();

        page.WaitForAssertion(() =>
        {
            Assert.Equal(missed.Select(f => f.Trade.Id).Reverse(), ListedTradeIds(page));
            Assert.Empty(page.FindAll("[data-testid=\"catch-up-failed\"]"));
            Assert.Empty(page.FindAll("[data-testid=\"catching-up\"]"));
        }, Recovery);
    }

    [Fact]
    public async Task Trades_applied_while_a_catch_up_waits_for_the_database_are_listed_once()
    {
        var market = await Data.MarketAsync();
        var trader = await Data.AccountAsync();
        var slowDatabase = new DatabaseGate();
        await using var context = await MudTestContext.StartAsync(Database);
        context.Services.AddSingleton(new MarketReader(new InterceptedContexts(Database.Contexts, slowDatabase.PassAsync)));
        var page = context.Render<MarketPage>(parameters => parameters.Add(p => p.Slug, market.Slug));

        var missed = await TradeBehindTheBoardsBackAsync(context, trader.Id, market.Id, 2);
        context.Board.Repair(missed[^1].Market, [], []);
        slowDatabase.Arm();
        // The browser reconnects: the page catches up, and its query is held at the database...
        var circuit = context.Services.GetRequiredService<LiveCircuit>();
        await circuit.OnConnectionDownAsync(null!, CancellationToken.None);
        var reconnected = circuit.OnConnectionUpAsync(null!, CancellationToken.None);
        await slowDatabase.Reached.WaitAsync(Recovery);
        // ...while the same trades arrive through the live feed and are shown.
        foreach (var filled in missed) context.Broadcaster.Publish(new MarketChange(filled.Market, filled.Trade));
        page.WaitForAssertion(() => Assert.Equal(missed.Select(f => f.Trade.Id).Reverse(), ListedTradeIds(page)), MudTestContext.Patience);

        slowDatabase.Open();
        await reconnected.WaitAsync(Recovery);

        page.WaitForAssertion(() =>
        {
            Assert.Empty(page.FindAll("[data-testid=\"catching-up\"]"));
            Assert.Equal(missed.Select(f => f.Trade.Id).Reverse(), ListedTradeIds(page));
        }, MudTestContext.Patience);
        // A trade listed twice would be a duplicate @key: the renderer would have failed.
        Assert.False(context.Renderer.UnhandledException.IsCompleted, "The page failed while rendering the caught-up trades.");
    }

    /// <summary>Fills orders the page's board never hears of (a trade service with no sinks), as another instance would.</summary>
    private async Task<IReadOnlyList<OrderFilled>> TradeBehindTheBoardsBackAsync(MudTestContext context, int accountId, int marketId, int count)
    {
        var elsewhere = TradeServices.Service(Database.Contexts);
        var fills = new List<OrderFilled>();
        for (var i = 0; i < count; i++) fills.Add(await MudTestContext.FillAsync(elsewhere, accountId, marketId, Side.Yes, TradeAction.Buy, 5));
        Assert.Equal(0, context.Board.Market(marketId)!.Sequence);
        return fills;
    }

    private static List<long> ListedTradeIds(IRenderedComponent<MarketPage> page) =>
        page.FindAll("[data-testid=\"trade-feed\"] > [data-testid^=\"trade-\"]")
            .Select(e => long.Parse(e.GetAttribute("data-testid")!["trade-".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
}
