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

    [Fact]
    public async Task An_unknown_market_answers_404_with_the_friendly_page()
    {
        var context = await NewContextAsync(null);
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/markets/no-such-market-anywhere");

        Assert.NotNull(response);
        Assert.Equal(404, response.Status);
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("markets", System.Text.RegularExpressions.RegexOptions.IgnoreCase) }).First).ToBeVisibleAsync();
        await Expect(page.Locator("body")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("nothing at this address|could not find a market"));
        // A known market still answers 200 (OpenAsync asserts it).
        await OpenAsync(context, $"/markets/{World.Quiet.Slug}");
    }

    private async Task<int> TradeCountAsync(int accountId, int marketId)
    {
        await using var db = await App.Contexts.CreateDbContextAsync();
        return await db.Trades.CountAsync(t => t.AccountId == accountId && t.MarketId == marketId);
    }
}
