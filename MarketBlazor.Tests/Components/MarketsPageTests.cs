using Bunit;
using MarketBlazor.App.Components.Pages.Markets;
using MarketBlazor.Data.Entities;
using MarketBlazor.Tests.Infrastructure;
using MudBlazor;

namespace MarketBlazor.Tests.Components;

public class MarketsPageTests(DatabaseFixture database) : DatabaseTest(database)
{
    [Fact]
    public async Task A_snapshot_updates_the_row_price_and_flashes_it_briefly()
    {
        var moved = await Data.MarketAsync();
        var quiet = await Data.MarketAsync();
        var trader = await Data.AccountAsync();
        await using var context = await MudTestContext.StartAsync(Database);
        var board = context.Render<MarketsPage>();
        var row = $"[data-testid=\"market-row-{moved.Id}\"]";
        Assert.Equal("50.0%", board.Find($"[data-testid=\"market-price-{moved.Id}\"]").TextContent);
        Assert.False(board.Find(row).ClassList.Contains("price-flash"));

        await MudTestContext.FillAsync(context.Trades, trader.Id, moved.Id, Side.Yes, TradeAction.Buy, 10);

        board.WaitForAssertion(() =>
        {
            Assert.Equal("54.8%", board.Find($"[data-testid=\"market-price-{moved.Id}\"]").TextContent);
            Assert.True(board.Find(row).ClassList.Contains("price-flash"));
        }, MudTestContext.Patience);
        Assert.False(board.Find($"[data-testid=\"market-row-{quiet.Id}\"]").ClassList.Contains("price-flash"));
        Assert.Equal("50.0%", board.Find($"[data-testid=\"market-price-{quiet.Id}\"]").TextContent);

        // The class must go again, or the next change could not restart the animation.
        board.WaitForAssertion(() => Assert.False(board.Find(row).ClassList.Contains("price-flash")), MudTestContext.Patience);
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
        var search = board.FindComponent<MudTextField<string>>();
        var chips = board.FindComponent<MudChipSet<string>>();
        var (quietBefore, movedBefore, searchBefore, chipsBefore) = (rows[quiet.Id].RenderCount, rows[moved.Id].RenderCount, search.RenderCount, chips.RenderCount);

        await MudTestContext.FillAsync(context.Trades, trader.Id, moved.Id, Side.Yes, TradeAction.Buy, 10);
        board.WaitForAssertion(() => Assert.Equal("54.8%", board.Find($"[data-testid=\"market-price-{moved.Id}\"]").TextContent), MudTestContext.Patience);
        // The flash going off is the table's second render for this trade: after it, every render the trade caused has happened.
        board.WaitForAssertion(() => Assert.False(board.Find($"[data-testid=\"market-row-{moved.Id}\"]").ClassList.Contains("price-flash")), MudTestContext.Patience);

        Assert.True(rows[moved.Id].RenderCount > movedBefore, "The traded market's row did not re-render.");
        Assert.Equal(quietBefore, rows[quiet.Id].RenderCount);
        Assert.Equal(searchBefore, search.RenderCount);
        Assert.Equal(chipsBefore, chips.RenderCount);
    }

    [Fact]
    public async Task The_board_shows_a_page_of_markets_and_more_on_request()
    {
        for (var i = 0; i < 35; i++) await Data.MarketAsync();
        await using var context = await MudTestContext.StartAsync(Database);
        var board = context.Render<MarketsPage>();
        Assert.Equal(30, board.FindAll("[data-testid^=\"market-row-\"]").Count);

        board.Find("[data-testid=\"board-more\"]").Click();

        Assert.Equal(35, board.FindAll("[data-testid^=\"market-row-\"]").Count);
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
}
