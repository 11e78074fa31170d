using System.Diagnostics;
using MarketBlazor.App.Components.Layout;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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
    public async Task The_first_html_is_already_dark_and_names_who_is_signed_in()
    {
        var signedIn = await NewContextAsync(World.Erin);
        await signedIn.AddCookiesAsync([new Cookie { Name = ThemeCookie.Name, Value = "dark", Url = App.BaseUrl }]);

        // The response body is the prerendered HTML, before any script ran.
        var page = await signedIn.NewPageAsync();
        var html = await (await page.GotoAsync("/leaderboard"))!.TextAsync();
        Assert.Contains("data-theme=\"dark\"", html, StringComparison.Ordinal);
        // MudThemeProvider's prerendered palette is the dark one (MarketTheme's dark background), not swapped in later.
        Assert.Matches(new Regex(@"--mud-palette-background:\s*(#32333d|rgba?\(50,\s*51,\s*61)", RegexOptions.IgnoreCase), html);
        Assert.Contains(World.Erin.DisplayName, html, StringComparison.Ordinal);

        // With scripts off, what shows is the first paint and stays it: dark, and naming the person.
        var noScript = await App.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseUrl,
            JavaScriptEnabled = false,
            StorageState = await signedIn.StorageStateAsync(),
        });
        try
        {
            var firstPaint = await noScript.NewPageAsync();
            await firstPaint.GotoAsync("/leaderboard");
            Assert.True(Luminance(await BackgroundAsync(firstPaint)) < 100, $"First paint background: {await BackgroundAsync(firstPaint)}");
            await Expect(firstPaint.GetByTestId("current-user")).ToHaveTextAsync(World.Erin.DisplayName);
        }
        finally
        {
            await noScript.CloseAsync();
        }
    }

    [Fact]
    public async Task Without_a_choice_the_colour_scheme_hint_decides_the_first_html()
    {
        // The server asks Chromium for the colour-scheme hint even on a first visit (Critical-CH) and renders it.
        using var http = new HttpClient { BaseAddress = new Uri(App.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.ParseAdd("text/html");
        request.Headers.Add(ThemeCookie.ColorSchemeHint, "\"dark\"");
        using var response = await http.SendAsync(request);
        Assert.Contains(ThemeCookie.ColorSchemeHint, response.Headers.GetValues("Critical-CH"));
        Assert.Contains(ThemeCookie.ColorSchemeHint, response.Headers.GetValues("Accept-CH"));
        Assert.Contains("data-theme=\"dark\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // No cookie and no hint: light, and the circuit asks the browser (MainLayoutTests covers that step).
        using var plain = new HttpRequestMessage(HttpMethod.Get, "/");
        plain.Headers.Accept.ParseAdd("text/html");
        using var plainResponse = await http.SendAsync(plain);
        Assert.Contains("data-theme=\"light\"", await plainResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_phone_the_app_bar_names_the_app_and_the_person_and_its_buttons_stay_put()
    {
        var context = await NewContextAsync(World.Erin, 375, 667);
        var positions = new Dictionary<string, string>();
        foreach (var path in new[] { "/", "/portfolio", "/leaderboard" })
        {
            var page = await OpenAsync(context, path);
            await Expect(page.GetByTestId("app-name")).ToBeInViewportAsync();
            await Expect(page.GetByTestId("current-user")).ToHaveTextAsync(World.Erin.DisplayName);
            await Expect(page.GetByTestId("current-user")).ToBeInViewportAsync(new LocatorAssertionsToBeInViewportOptions { Ratio = 1 });
            Assert.Equal(0, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth"));
            // The page's heading starts below the (two-row) app bar, not under it.
            var bar = (await page.Locator("header.mud-appbar").BoundingBoxAsync())!;
            var heading = (await page.Locator("h1").BoundingBoxAsync())!;
            Assert.True(heading.Y >= bar.Y + bar.Height, $"{path}: the h1 at y={heading.Y} is under the app bar ending at {bar.Y + bar.Height}.");
            foreach (var id in new[] { "nav-markets", "nav-portfolio", "nav-leaderboard", "app-name", "dark-mode-toggle" })
            {
                var box = (await page.GetByTestId(id).BoundingBoxAsync())!;
                var where = $"{box.X:F0},{box.Y:F0} {box.Width:F0}x{box.Height:F0}";
                if (positions.TryGetValue(id, out var before)) Assert.True(before == where, $"{id} moved on {path}: {before} → {where}");
                else positions[id] = where;
            }
            await page.CloseAsync();
        }

        // Confirmations appear at the bottom of the screen, clear of the trade ticket.
        Assert.Equal(MudBlazor.Defaults.Classes.Position.BottomCenter,
            App.Services.GetRequiredService<IOptions<MudBlazor.SnackbarConfiguration>>().Value.PositionClass);
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
