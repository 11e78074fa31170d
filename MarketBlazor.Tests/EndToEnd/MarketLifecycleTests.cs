using System.Text.RegularExpressions;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace MarketBlazor.Tests.EndToEnd;

/// <summary>Issue 9's browser scenario: a market is launched, traded, resolved and paid, all seen live.</summary>
public sealed class MarketLifecycleTests(EndToEndApp app, ITestOutputHelper output) : EndToEndTest(app, output)
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_creates_a_market_B_sees_it_live_and_buys_Yes_A_resolves_Yes_and_B_is_paid_without_a_reload()
    {
        const string question = "Will Kate's browser-test market resolve Yes?";
        var kate = await NewContextAsync(World.Kate);
        var leo = await NewContextAsync(World.Leo);
        var board = await OpenAsync(leo, "/");
        await board.EvaluateAsync("() => { window.__e2eNoReload = true; }");

        var creating = await OpenAsync(kate, "/markets/new");
        await creating.Locator("input[data-testid='create-question'], [data-testid='create-question'] input").First.FillAsync(question);
        await creating.GetByTestId("create-liquidity-50").ClickAsync();
        await Expect(creating.GetByTestId("create-subsidy")).ToHaveTextAsync("34.66"); // 50·ln 2
        await creating.GetByTestId("create-review").ClickAsync();
        await creating.GetByTestId("create-confirm").ClickAsync();
        await creating.WaitForURLAsync(new Regex("/markets/will-"), new() { Timeout = Milliseconds(Live) });
        var slug = new Uri(creating.Url).AbsolutePath.Split('/').Last();
        int marketId;
        await using (var db = await App.Contexts.CreateDbContextAsync())
            marketId = await db.Markets.Where(m => m.Slug == slug).Select(m => m.Id).SingleAsync();

        // Leo's board was open before the market existed: the row arrives by itself.
        await Expect(board.GetByTestId($"market-row-{marketId}")).ToBeVisibleAsync(new() { Timeout = Milliseconds(Live) });
        Assert.True(await board.EvaluateAsync<bool>("() => window.__e2eNoReload === true"));

        var trading = await OpenAsync(leo, $"/markets/{slug}");
        await SetAmountAsync(trading, 20m);
        await Expect(trading.GetByTestId("ticket-quote")).ToBeVisibleAsync();
        await trading.GetByTestId("ticket-submit").ClickAsync();
        var trade = await WaitForTradeAsync(World.Leo.Id, marketId, Live);

        var portfolio = await OpenAsync(leo, "/portfolio");
        await Expect(portfolio.GetByTestId($"position-{marketId}")).ToBeVisibleAsync();
        await portfolio.EvaluateAsync("() => { window.__e2eNoReload = true; }");
        var cashBefore = decimal.Parse(await portfolio.GetByTestId("portfolio-balance").TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture);

        var managing = creating; // Kate is on her new market's page
        await managing.GetByTestId("resolve-submit").ClickAsync();
        await managing.GetByRole(AriaRole.Button, new() { Name = "Resolve", Exact = true }).ClickAsync();
        await Expect(managing.GetByTestId("resolution-banner")).ToBeVisibleAsync(new() { Timeout = Milliseconds(Live) });

        await Expect(portfolio.Locator($"[data-testid='cash-line'][data-kind='payout'][data-market='{marketId}']"))
            .ToBeVisibleAsync(new() { Timeout = Milliseconds(Live) });
        await Expect(portfolio.GetByTestId($"resolved-payout-{marketId}")).ToHaveTextAsync(trade.Shares.ToString("N2", System.Globalization.CultureInfo.InvariantCulture));
        var cashAfter = decimal.Parse(await portfolio.GetByTestId("portfolio-balance").TextContentAsync() ?? "", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(cashBefore + Math.Round(trade.Shares, 2), cashAfter, 2);
        Assert.True(await portfolio.EvaluateAsync<bool>("() => window.__e2eNoReload === true"));
        // Leo's market page closed its ticket and shows the outcome, live too.
        await Expect(trading.GetByTestId("resolution-banner")).ToBeVisibleAsync(new() { Timeout = Milliseconds(Live) });
        await Expect(trading.GetByTestId("ticket-closed")).ToBeVisibleAsync();
        AssertNoConsoleErrors();
    }
}
