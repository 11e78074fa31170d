using MarketBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace MarketBlazor.Tests.EndToEnd;

/// <summary>Issue 11 (part A) in a real browser: what a newcomer types and reads on a market page.</summary>
public sealed class MarketPageBrowserTests(EndToEndApp app, ITestOutputHelper output) : EndToEndTest(app, output)
{
    /// <summary>Grace only watches elsewhere; this market is traded by no other browser test.</summary>
    private Market Turnout => World.Markets.Single(m => m.Slug == "e2e-election-turnout");

    [Fact]
    public async Task Typing_a_decimal_comma_never_places_a_tenfold_order()
    {
        var market = Turnout;
        var context = await NewContextAsync(World.Grace);
        var page = await OpenAsync(context, $"/markets/{market.Slug}");
        var box = TicketAmount(page);

        await box.FillAsync("10,5");
        await box.BlurAsync();

        await Expect(page.GetByTestId("ticket-problem")).ToContainTextAsync("decimals with a point");
        await Expect(page.GetByTestId("ticket-submit")).ToBeDisabledAsync();
        await page.GetByTestId("ticket-submit").ClickAsync(new() { Force = true });
        Assert.Equal(0, await TradeCountAsync(World.Grace.Id, market.Id));

        // The same order written the way the ticket asks goes through, for exactly 10.5.
        await box.FillAsync("10.5");
        await box.BlurAsync();
        await Expect(page.GetByTestId("ticket-problem")).ToHaveCountAsync(0);
        await page.GetByTestId("ticket-submit").ClickAsync();
        var trade = await WaitForTradeAsync(World.Grace.Id, market.Id, TimeSpan.FromSeconds(5));
        Assert.Equal(10.5m, trade.Amount);
        AssertNoConsoleErrors();
    }

    private async Task<int> TradeCountAsync(int accountId, int marketId)
    {
        await using var db = await App.Contexts.CreateDbContextAsync();
        return await db.Trades.CountAsync(t => t.AccountId == accountId && t.MarketId == marketId);
    }
}
