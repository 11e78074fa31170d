using Bunit;
using Bunit.TestDoubles;
using MarketBlazor.App.Components.Pages.Markets;
using MarketBlazor.Data.Entities;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MarketBlazor.Tests.Components;

public class MarketsPageTests(DatabaseFixture database) : DatabaseTest(database)
{
    [Fact]
    public async Task A_trade_updates_the_row_price_and_flashes_it_and_the_next_trade_flashes_it_again()
    {
        var moved = await Data.MarketAsync();
        var quiet = await Data.MarketAsync();
        var trader = await Data.AccountAsync();
        await using var context = await MudTestContext.StartAsync(Database);
        var board = context.Render<MarketsPage>();
        var row = $"[data-testid=\"market-row-{moved.Id}\"]";
        Assert.Equal("50.0%", board.Find($"[data-testid=\"market-price-{moved.Id}\"]").TextContent);
        Assert.Equal(["board-row"], board.Find(row).ClassList);

        await MudTestContext.FillAsync(context.Trades, trader.Id, moved.Id, Side.Yes, TradeAction.Buy, 10);

        board.WaitForAssertion(() =>
        {
            Assert.Equal("54.8%", board.Find($"[data-testid=\"market-price-{moved.Id}\"]").TextContent);
            Assert.True(board.Find(row).ClassList.Contains("price-flash"));
        }, MudTestContext.Patience);
        Assert.Equal(["board-row"], board.Find($"[data-testid=\"market-row-{quiet.Id}\"]").ClassList);
        Assert.Equal("50.0%", board.Find($"[data-testid=\"market-price-{quiet.Id}\"]").TextContent);

        // An animation restarts only when its class changes: the second trade must swap the class, not keep it.
        await MudTestContext.FillAsync(context.Trades, trader.Id, moved.Id, Side.Yes, TradeAction.Buy, 10);
        board.WaitForAssertion(() =>
        {
            Assert.NotEqual("54.8%", board.Find($"[data-testid=\"market-price-{moved.Id}\"]").TextContent);
            Assert.True(board.Find(row).ClassList.Contains("price-flash-again"));
            Assert.False(board.Find(row).ClassList.Contains("price-flash"));
        }, MudTestContext.Patience);
    }

    [Fact]
    public async Task A_trade_re_renders_its_own_row_only_and_not_the_toolbar()
    {
        var moved = await Data.MarketAsync();
        var quiet = await Data.MarketAsync();
        var trader = await Data.AccountAsync();
        await using var context = await MudTestContext.StartAsync(Database);
        var board = context.Render<MarketsPage>();
        var rows = board.FindComponents<MarketRow>().ToDictionary(r => r.Instance.Market.Id);
        var table = board.FindComponent<BoardTable>();
        var (quietBefore, movedBefore, tableBefore, pageBefore) = (rows[quiet.Id].RenderCount, rows[moved.Id].RenderCount, table.RenderCount, board.RenderCount);

        await MudTestContext.FillAsync(context.Trades, trader.Id, moved.Id, Side.Yes, TradeAction.Buy, 10);
        board.WaitForAssertion(() => Assert.Equal("54.8%", board.Find($"[data-testid=\"market-price-{moved.Id}\"]").TextContent), MudTestContext.Patience);

        Assert.True(rows[moved.Id].RenderCount > movedBefore, "The traded market's row did not re-render.");
        Assert.Equal(quietBefore, rows[quiet.Id].RenderCount);
        // A page's render count includes its children's. The toolbar is the page's own markup: every render the
        // page went through must have been one of the table's, never one of its own.
        Assert.Equal(table.RenderCount - tableBefore, board.RenderCount - pageBefore);
    }

    [Fact]
    public async Task The_board_shows_a_page_of_markets_and_more_on_request()
    {
        for (var i = 0; i < BoardTable.PageSize + 5; i++) await Data.MarketAsync();
        await using var context = await MudTestContext.StartAsync(Database);
        var board = context.Render<MarketsPage>();
        Assert.Equal(BoardTable.PageSize, board.FindAll("[data-testid^=\"market-row-\"]").Count);

        board.Find("[data-testid=\"board-more\"]").Click();

        Assert.Equal(BoardTable.PageSize + 5, board.FindAll("[data-testid^=\"market-row-\"]").Count);
        Assert.Empty(board.FindAll("[data-testid=\"board-more\"]"));
    }

    [Fact]
    public async Task Search_narrows_the_board_and_an_empty_result_says_so()
    {
        var first = await Data.MarketAsync();
        var second = await Data.MarketAsync();
        await using var context = await MudTestContext.StartAsync(Database);
        var board = context.Render<MarketsPage>();
        Assert.Equal(2, board.FindAll("[data-testid^=\"market-row-\"]").Count);

        board.Find("[data-testid=\"market-search\"]").Input(first.Question[..^2]);

        board.WaitForAssertion(() =>
        {
            var rows = board.FindAll("[data-testid^=\"market-row-\"]");
            Assert.Equal($"market-row-{first.Id}", Assert.Single(rows).GetAttribute("data-testid"));
        }, MudTestContext.Patience);

        board.Find("[data-testid=\"market-search\"]").Input("no such market anywhere");

        board.WaitForAssertion(() =>
        {
            Assert.Empty(board.FindAll("[data-testid^=\"market-row-\"]"));
            Assert.Contains("No open market matches your search.", board.Markup);
        }, MudTestContext.Patience);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task Closed_markets_are_not_on_the_board_and_no_open_market_shows_an_empty_state()
    {
        await Data.MarketAsync(status: MarketStatus.Closed);
        await Data.MarketAsync(closesAt: DateTimeOffset.UtcNow.AddMinutes(-1));
        await using var context = await MudTestContext.StartAsync(Database);

        var board = context.Render<MarketsPage>();

        Assert.Empty(board.FindAll("[data-testid^=\"market-row-\"]"));
        Assert.Contains("No markets are open right now.", board.Markup);
    }

    [Fact]
    public async Task The_board_opens_with_the_search_category_sort_and_status_of_its_url()
    {
        var rainy = await MarketInAsync("Weather");
        var sunny = await MarketInAsync("Weather");
        var other = await MarketInAsync("Sports");
        await using var context = await MudTestContext.StartAsync(Database);
        var navigation = context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameters(
            new BoardQuery(rainy.Question[..^2], "Weather", BoardSort.ClosingSoon, BoardStatus.Open).ToQueryParameters()));

        var board = context.Render<MarketsPage>();

        board.WaitForAssertion(() => Assert.Equal($"market-row-{rainy.Id}", Assert.Single(board.FindAll(Rows)).GetAttribute("data-testid")), MudTestContext.Patience);
        Assert.Equal(rainy.Question[..^2], board.Find(Id("market-search")).GetAttribute("value"));
        Assert.Equal("closing", board.Find(Id("market-sort")).GetAttribute("value"));
        Assert.Equal("true", board.Find(Id("category-Weather")).GetAttribute("aria-pressed"));
        Assert.Equal("false", board.Find(Id("category-all")).GetAttribute("aria-pressed"));
        Assert.Equal("true", board.Find(Id("status-open")).GetAttribute("aria-pressed"));
        Assert.NotEqual(sunny.Id, other.Id);
    }

    [Fact]
    public async Task Changing_a_filter_writes_it_to_the_url_replacing_the_history_entry()
    {
        var weather = await MarketInAsync("Weather");
        await MarketInAsync("Sports");
        await using var context = await MudTestContext.StartAsync(Database);
        var navigation = context.Services.GetRequiredService<BunitNavigationManager>();
        var board = context.Render<MarketsPage>();
        board.WaitForElement(Id($"market-row-{weather.Id}"));

        var search = weather.Question[..^2];
        board.Find(Id("market-search")).Input(search[..4]);
        board.Find(Id("market-search")).Input(search);
        board.Find(Id("category-Weather")).Click();
        board.Find(Id("market-sort")).Change("movers");

        var query = new Uri(navigation.Uri).Query;
        Assert.Contains($"q={Uri.EscapeDataString(search)}", query);
        Assert.Contains("category=Weather", query);
        Assert.Contains("sort=movers", query);
        Assert.DoesNotContain("status=", query);
        Assert.All(navigation.History, entry => Assert.True(entry.Options.ReplaceHistoryEntry, $"{entry.Uri} was pushed onto the history."));
        board.WaitForAssertion(() => Assert.Equal($"market-row-{weather.Id}", Assert.Single(board.FindAll(Rows)).GetAttribute("data-testid")), MudTestContext.Patience);

        // Another status has other categories: choosing one starts the category over, in the URL too.
        board.Find(Id("status-closed")).Click();
        query = new Uri(navigation.Uri).Query;
        Assert.Contains("status=closed", query);
        Assert.DoesNotContain("category=", query);
    }

    [Fact]
    public async Task A_url_the_page_did_not_write_replaces_the_filters_and_unknown_values_fall_back()
    {
        var weather = await MarketInAsync("Weather");
        var sports = await MarketInAsync("Sports");
        await using var context = await MudTestContext.StartAsync(Database);
        var navigation = context.Services.GetRequiredService<NavigationManager>();
        var board = context.Render<MarketsPage>();
        board.Find(Id("market-search")).Input("no such market anywhere");
        board.WaitForAssertion(() => Assert.Empty(board.FindAll(Rows)), MudTestContext.Patience);

        // Back, forward or a shared link: the URL wins over what was typed.
        navigation.NavigateTo("/?category=Sports&sort=sideways&status=pending");

        board.WaitForAssertion(() => Assert.Equal($"market-row-{sports.Id}", Assert.Single(board.FindAll(Rows)).GetAttribute("data-testid")), MudTestContext.Patience);
        Assert.Equal("", board.Find(Id("market-search")).GetAttribute("value") ?? "");
        Assert.Equal("volume", board.Find(Id("market-sort")).GetAttribute("value"));
        Assert.Equal("true", board.Find(Id("status-open")).GetAttribute("aria-pressed"));
        Assert.NotEqual(weather.Id, sports.Id);
    }

    private const string Rows = "[data-testid^=\"market-row-\"]";

    private static string Id(string testId) => $"[data-testid=\"{testId}\"]";

    private async Task<MarketBlazor.Data.Entities.Market> MarketInAsync(string category)
    {
        var market = await Data.MarketAsync();
        await using var db = await Database.Contexts.CreateDbContextAsync();
        await db.Markets.Where(m => m.Id == market.Id).ExecuteUpdateAsync(m => m.SetProperty(x => x.Category, category));
        market.Category = category;
        return market;
    }
}
