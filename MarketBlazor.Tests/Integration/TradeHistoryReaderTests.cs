using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Queries;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.Tests.Integration;

/// <summary>The portfolio's trade history: pages of 25, filtered in the database, only ever the account's own trades.</summary>
public sealed class TradeHistoryReaderTests(DatabaseFixture database) : DatabaseTest(database)
{
    private TradeHistoryReader Reader => new(Database.Contexts);

    private Task<List<Trade>> InsertTradesAsync(int accountId, int marketId, int count, Side side = Side.Yes, TradeAction action = TradeAction.Buy) =>
        rows.InsertAsync(accountId, marketId, count, side, action);

    private readonly TradeRows rows = new(database.Contexts);

    [Theory]
    [InlineData(0, 1, 0)]
    [InlineData(1, 1, 1)]
    [InlineData(25, 1, 25)]
    [InlineData(26, 2, 1)]
    [InlineData(50, 2, 25)]
    [InlineData(60, 3, 10)]
    public async Task The_history_comes_in_pages_of_25_newest_first(int count, int pageCount, int onLastPage)
    {
        var market = await Data.MarketAsync();
        var account = await Data.AccountAsync();
        var trades = await InsertTradesAsync(account.Id, market.Id, count);
        var newestFirst = trades.OrderByDescending(t => t.ExecutedAt).Select(t => t.Id).ToList();

        var first = await Reader.PageAsync(account.Id, TradeHistoryFilter.None, 1);
        var last = await Reader.PageAsync(account.Id, TradeHistoryFilter.None, pageCount);

        Assert.Equal((1, pageCount, count), (first.Page, first.PageCount, first.Total));
        Assert.Equal(newestFirst.Take(TradeHistoryReader.PageSize), first.Trades.Select(t => t.Id));
        Assert.Equal(pageCount, last.Page);
        Assert.Equal(onLastPage, last.Trades.Count);
        Assert.Equal(newestFirst.Skip((pageCount - 1) * TradeHistoryReader.PageSize), last.Trades.Select(t => t.Id));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(int.MinValue, 1)]
    [InlineData(4, 3)]
    [InlineData(int.MaxValue, 3)]
    public async Task A_page_outside_the_history_shows_the_nearest_one(int asked, int shown)
    {
        var market = await Data.MarketAsync();
        var account = await Data.AccountAsync();
        await InsertTradesAsync(account.Id, market.Id, 60);

        var page = await Reader.PageAsync(account.Id, TradeHistoryFilter.None, asked);

        Assert.Equal(shown, page.Page);
        Assert.Equal(shown == 3 ? 10 : 25, page.Trades.Count);
    }

    [Fact]
    public async Task Another_accounts_trades_are_never_shown_or_counted()
    {
        var market = await Data.MarketAsync();
        var mine = await Data.AccountAsync();
        var theirs = await Data.AccountAsync();
        var myTrades = await InsertTradesAsync(mine.Id, market.Id, 3);
        await InsertTradesAsync(theirs.Id, market.Id, 30);

        var page = await Reader.PageAsync(mine.Id, TradeHistoryFilter.None, 1);
        var filtered = await Reader.PageAsync(mine.Id, new TradeHistoryFilter(market.Slug, Side.Yes, TradeAction.Buy), 2);

        Assert.Equal(3, page.Total);
        Assert.Equal(myTrades.Select(t => t.Id).OrderDescending(), page.Trades.Select(t => t.Id));
        Assert.All(filtered.Trades, t => Assert.Equal(mine.Id, t.AccountId));
        Assert.Equal(3, filtered.Total);
    }

    [Fact]
    public async Task Filters_by_market_text_side_and_action_together()
    {
        var lisbon = await Data.MarketAsync();
        var other = await Data.MarketAsync();
        await using (var db = await Database.Contexts.CreateDbContextAsync())
            await db.Markets.Where(m => m.Id == lisbon.Id).ExecuteUpdateAsync(m => m.SetProperty(x => x.Question, "Will it rain in Lisbon on 100% of days?"));
        var account = await Data.AccountAsync();
        var yesBuys = await InsertTradesAsync(account.Id, lisbon.Id, 2);
        var noSells = await InsertTradesAsync(account.Id, lisbon.Id, 3, Side.No, TradeAction.Sell);
        await InsertTradesAsync(account.Id, other.Id, 4);

        async Task<IEnumerable<long>> Ids(TradeHistoryFilter filter) => (await Reader.PageAsync(account.Id, filter, 1)).Trades.Select(t => t.Id).Order();

        Assert.Equal(yesBuys.Concat(noSells).Select(t => t.Id).Order(), await Ids(new("  rain in LISBON ")));
        Assert.Equal(yesBuys.Select(t => t.Id).Order(), await Ids(new("lisbon", Side.Yes)));
        Assert.Equal(noSells.Select(t => t.Id).Order(), await Ids(new("lisbon", Action: TradeAction.Sell)));
        Assert.Equal(noSells.Select(t => t.Id).Order(), await Ids(new(Side: Side.No)));
        Assert.Equal(9, (await Reader.PageAsync(account.Id, new("   "), 1)).Total);
        // The slug matches as well as the question.
        Assert.Equal(4, (await Reader.PageAsync(account.Id, new(other.Slug.ToUpperInvariant()), 1)).Total);
        // Typed text is literal: % and _ are not wildcards.
        Assert.Equal(5, (await Reader.PageAsync(account.Id, new("100%"), 1)).Total);
        Assert.Equal(5, (await Reader.PageAsync(account.Id, new("%"), 1)).Total);
        Assert.Equal(0, (await Reader.PageAsync(account.Id, new("rain_in"), 1)).Total);
        var none = await Reader.PageAsync(account.Id, new("no such market"), 3);
        Assert.Equal((1, 1, 0), (none.Page, none.PageCount, none.Total));
        Assert.Empty(none.Trades);
    }

    [Fact]
    public async Task Market_text_longer_than_allowed_is_refused_with_a_clear_error()
    {
        var account = await Data.AccountAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            Reader.PageAsync(account.Id, new(new string('x', TradeHistoryFilter.MaxMarketTextLength + 1)), 1));

        Assert.Contains($"at most {TradeHistoryFilter.MaxMarketTextLength} characters", error.Message);
    }
}
