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

    [Fact]
    public async Task Hovering_the_chart_shows_the_time_and_price_there_and_the_keyboard_reaches_it_too()
    {
        var context = await NewContextAsync(null);
        var page = await OpenAsync(context, $"/markets/{World.Quiet.Slug}");
        var chart = page.GetByTestId("price-chart");
        var readout = page.GetByTestId("price-chart-readout");
        await Expect(chart).ToBeVisibleAsync();
        await Expect(readout).ToBeHiddenAsync();
        await Expect(page.GetByTestId("price-chart-time-tick").First).ToBeVisibleAsync();

        // The crosshair script loads just after the circuit starts: keep moving until it answers (bounded).
        var box = (await chart.BoundingBoxAsync())!;
        var deadline = DateTime.UtcNow + CircuitTimeout;
        for (var step = 0; !await readout.IsVisibleAsync(); step++)
        {
            Assert.True(DateTime.UtcNow < deadline, "hovering the chart never showed a readout");
            await page.Mouse.MoveAsync(box.X + box.Width * (0.6f + step % 5 * 0.05f), box.Y + box.Height / 2);
            try
            {
                await readout.WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Visible, Timeout = 250 });
            }
            catch (TimeoutException)
            {
                // Not loaded yet: move again.
            }
        }
        await Expect(readout).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{1,2} \w{3},? \d{2}:\d{2} UTC Yes \d{1,3}\.\d%$"));

        // Keyboard: focus the chart and jump to the last trade, whose price is the page's Yes price.
        await page.Mouse.MoveAsync(0, 0);
        await Expect(readout).ToBeHiddenAsync();
        await chart.FocusAsync();
        await page.Keyboard.PressAsync("End");
        var yes = await page.GetByTestId("market-yes-price").InnerTextAsync();
        await Expect(readout).ToContainTextAsync($"Yes {yes}");
        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task At_phone_width_the_portfolio_shows_each_P_and_L_without_sideways_scrolling()
    {
        var context = await NewContextAsync(World.Erin, 375, 812);
        var page = await OpenAsync(context, "/portfolio");
        var pnl = page.GetByTestId($"position-pnl-{World.Quiet.Id}");
        await Expect(pnl).ToBeVisibleAsync();

        var box = (await pnl.BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.X + box.Width <= 375, $"the P&L sits at x {box.X}..{box.X + box.Width}, outside a 375 px screen");
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page scrolls sideways by {overflow} px");
        var table = await page.EvaluateAsync<int>("() => { const c = document.querySelector('.positions .mud-table-container') ?? document.querySelector('.positions'); return c.scrollWidth - c.clientWidth; }");
        Assert.True(table <= 0, $"the positions table scrolls sideways by {table} px");
        AssertNoConsoleErrors();
    }

    private async Task<int> TradeCountAsync(int accountId, int marketId)
    {
        await using var db = await App.Contexts.CreateDbContextAsync();
        return await db.Trades.CountAsync(t => t.AccountId == accountId && t.MarketId == marketId);
    }
}
