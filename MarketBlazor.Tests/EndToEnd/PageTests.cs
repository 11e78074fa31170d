using System.Diagnostics;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace MarketBlazor.Tests.EndToEnd;

/// <summary>Issue 3's end-to-end scenario 3, plus query-free page views over real circuits.</summary>
public sealed class PageTests(EndToEndApp app, ITestOutputHelper output) : EndToEndTest(app, output)
{
    public static TheoryData<int, int> Viewports => new() { { 1280, 800 }, { 390, 844 } };

    [Theory]
    [MemberData(nameof(Viewports))]
    public async Task Every_page_loads_without_console_errors_in_light_and_dark_mode(int width, int height)
    {
        var context = await NewContextAsync(World.Erin, width, height);
        var pages = new (string Name, string Path, string Ready)[]
        {
            ("board", "/", $"market-row-{World.Quiet.Id}"),
            ("market", $"/markets/{World.Quiet.Slug}", "market-yes-price"),
            ("portfolio", "/portfolio", $"position-{World.Quiet.Id}"),
            ("leaderboard", "/leaderboard", $"leader-{World.Erin.Id}"),
        };
        foreach (var (name, path, ready) in pages)
        {
            var clock = Stopwatch.StartNew();
            var page = await OpenAsync(context, path);
            await Expect(page.GetByTestId(ready).First).ToBeVisibleAsync();
            await Expect(page.GetByTestId("current-user")).ToContainTextAsync(World.Erin.DisplayName);
            if (name == "market")
            {
                // At phone width the ticket must stay reachable.
                var submit = page.GetByTestId("ticket-submit");
                await submit.ScrollIntoViewIfNeededAsync();
                await Expect(submit).ToBeVisibleAsync();
            }
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            await ScreenshotAsync(page, $"{name}-{width}x{height}-light");

            var before = await BackgroundAsync(page);
            await page.GetByTestId("dark-mode-toggle").ClickAsync();
            // Dark mode shows as a darker page background; wait for it rather than sleeping.
            await page.WaitForFunctionAsync(
                "before => getComputedStyle(document.body).backgroundColor !== before",
                before, new PageWaitForFunctionOptions { Timeout = 5_000 });
            var after = await BackgroundAsync(page);
            Assert.True(Luminance(after) < Luminance(before), $"{path}: the background did not get darker ({before} → {after}).");
            await ScreenshotAsync(page, $"{name}-{width}x{height}-dark");

            // The choice is remembered in the browser: after a reload the page is still dark. Then back
            // to light, so the next page starts light too.
            await page.ReloadAsync();
            await WaitForCircuitAsync(page);
            await page.WaitForFunctionAsync(
                "dark => getComputedStyle(document.body).backgroundColor === dark",
                after, new PageWaitForFunctionOptions { Timeout = 5_000 });
            await page.GetByTestId("dark-mode-toggle").ClickAsync();
            await page.WaitForFunctionAsync(
                "light => getComputedStyle(document.body).backgroundColor === light",
                before, new PageWaitForFunctionOptions { Timeout = 5_000 });
            Output.WriteLine($"{path} at {width}×{height}: ready, light + dark in {clock.ElapsedMilliseconds} ms; horizontal overflow {overflow}px");
            await page.CloseAsync();
        }

        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Board_and_market_page_views_over_real_circuits_send_no_query_once_warm()
    {
        var context = await NewContextAsync(World.Frank);
        string[] paths = ["/", $"/markets/{World.Quiet.Slug}"];
        foreach (var path in paths) await (await OpenAsync(context, path)).CloseAsync();

        App.Queries.Reset();
        var page = await OpenAsync(context, "/");
        await Expect(page.GetByTestId($"market-row-{World.Quiet.Id}")).ToBeVisibleAsync();
        await page.GotoAsync(paths[1]);
        await WaitForCircuitAsync(page);
        await Expect(page.GetByTestId("market-yes-price")).ToBeVisibleAsync();
        foreach (var range in new[] { "range-1h", "range-1w", "range-all", "range-1d" })
            await page.GetByTestId(range).ClickAsync();
        await Expect(page.GetByTestId("price-chart")).ToHaveAttributeAsync("data-points", new System.Text.RegularExpressions.Regex(@"^[1-9]\d*$"));
        // Enhanced navigation inside the same circuit, back to the board.
        await page.GetByTestId("nav-markets").ClickAsync();
        await Expect(page.GetByTestId($"market-row-{World.Quiet.Id}")).ToBeVisibleAsync();
        await page.GetByTestId("market-search").Locator("input").Or(page.Locator("input[data-testid='market-search']")).First.FillAsync("quiet");
        await Expect(page.GetByTestId($"market-row-{World.Live.Id}")).ToBeHiddenAsync();
        await Expect(page.GetByTestId($"market-row-{World.Quiet.Id}")).ToBeVisibleAsync();

        Assert.True(App.Queries.Count == 0, $"Page views over live circuits queried the database: {App.Queries.Describe()}");
        AssertNoConsoleErrors();
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(EndToEndApp.ScreenshotFolder, name + ".png"),
            FullPage = true,
            // The dark-mode toggle's hover tooltip would otherwise sit in every dark screenshot.
            Style = ".mud-tooltip { visibility: hidden !important; }",
        });
    }

    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    /// <summary>Rough luminance of an "rgb(r, g, b)" / "rgba(...)" colour.</summary>
    private static double Luminance(string css)
    {
        var parts = css[(css.IndexOf('(') + 1)..css.IndexOf(')')].Split(',').Select(p => double.Parse(p.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return 0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2];
    }
}
