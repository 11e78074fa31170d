using System.Collections.Concurrent;
using Deque.AxeCore.Playwright;
using MarketBlazor.App.Components.Layout;
using MarketBlazor.App.People;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace MarketBlazor.Tests.EndToEnd;

/// <summary>
/// WCAG 2.2 AA by axe-core in real Chromium: every page, light and dark, desktop and phone, has no
/// serious or critical violation and exactly one h1. Each case also refreshes its screenshot in
/// artifacts/screenshots/.
/// </summary>
public sealed class AccessibilityTests(EndToEndApp app, ITestOutputHelper output) : EndToEndTest(app, output)
{
    public enum Visitor { Anonymous, Trader, Admin }

    private const string AdminEmail = "a11y-admin@e2e.test";

    /// <summary>Signed-in cookies per visitor, so 44 cases sign in through the form three times, not 44.</summary>
    private static readonly ConcurrentDictionary<(string BaseUrl, Visitor Visitor), string> SignedInStates = new();
    private static readonly SemaphoreSlim SigningIn = new(1, 1);

    private static readonly (string Name, string Path, Visitor Visitor)[] Pages =
    [
        ("board", "/", Visitor.Trader),
        ("market", "/markets/e2e-quiet-market", Visitor.Trader),
        ("leaderboard", "/leaderboard", Visitor.Trader),
        ("portfolio", "/portfolio", Visitor.Trader),
        ("simulator", "/simulator", Visitor.Admin),
        ("create-market", "/markets/new", Visitor.Trader),
        ("api-keys", "/api-keys", Visitor.Trader),
        ("login", "/Account/Login", Visitor.Anonymous),
        ("register", "/Account/Register", Visitor.Anonymous),
        ("manage", "/Account/Manage", Visitor.Trader),
        ("not-found", "/no-such-page", Visitor.Anonymous),
    ];

    private static readonly (int Width, int Height)[] Sizes = [(1280, 800), (375, 667)];

    public static TheoryData<string, string, Visitor, string, int, int> Cases()
    {
        var cases = new TheoryData<string, string, Visitor, string, int, int>();
        foreach (var (name, path, visitor) in Pages)
            foreach (var theme in new[] { "light", "dark" })
                foreach (var (width, height) in Sizes)
                    cases.Add(name, path, visitor, theme, width, height);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_page_has_no_serious_axe_violation_and_one_h1(string name, string path, Visitor visitor, string theme, int width, int height)
    {
        var context = await App.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-US",
            StorageState = visitor == Visitor.Anonymous ? null : await SignedInStateAsync(visitor),
        });
        try
        {
            await context.AddCookiesAsync([new Cookie { Name = ThemeCookie.Name, Value = theme, Url = App.BaseUrl }]);
            var page = await context.NewPageAsync();
            Watch(page);
            var response = await page.GotoAsync(path);
            Assert.True(response is not null && (response.Ok || name == "not-found"), $"GET {path} answered {response?.Status}.");
            // The account pages render statically; every other page is ready once its circuit is.
            if (!path.StartsWith("/Account/", StringComparison.Ordinal)) await WaitForCircuitAsync(page);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", theme);
            await Expect(page.Locator("h1")).ToHaveCountAsync(1);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

            var result = await page.RunAxe();
            await page.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = Path.Combine(EndToEndApp.ScreenshotFolder, $"{name}-{width}x{height}-{theme}.png"),
                FullPage = true,
            });

            var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            Assert.True(serious.Count == 0, $"{path} ({theme}, {width}×{height}): {serious.Count} serious/critical axe violation(s):\n" + string.Join("\n", serious.Select(v =>
                $"- {v.Id} ({v.Impact}): {v.Help}\n" + string.Join("\n", v.Nodes.Take(5).Select(n => $"    {n.Target} {n.Html}: {string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}")))));
            // The not-found page answers 404 by design, which Chromium logs as a failed resource.
            if (name != "not-found") AssertNoConsoleErrors();
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    private async Task<string> SignedInStateAsync(Visitor visitor)
    {
        var key = (App.BaseUrl, visitor);
        if (SignedInStates.TryGetValue(key, out var state)) return state;
        await SigningIn.WaitAsync();
        try
        {
            if (SignedInStates.TryGetValue(key, out state)) return state;
            var email = visitor == Visitor.Admin ? await CreateAdminAsync() : EndToEndWorld.EmailOf(World.Erin);
            var context = await App.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseUrl });
            var page = await context.NewPageAsync();
            await SignInAsync(page, email, EndToEndWorld.Password);
            state = await context.StorageStateAsync();
            await context.CloseAsync();
            SignedInStates[key] = state;
            return state;
        }
        finally
        {
            SigningIn.Release();
        }
    }

    /// <summary>The simulator is for admins outside Development; the browser world has none, so one is made here.</summary>
    private async Task<string> CreateAdminAsync()
    {
        using var scope = App.Services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        var (user, errors) = await accounts.CreateAsync(AdminEmail, EndToEndWorld.Password, "A11y Admin");
        Assert.True(user is not null, "Could not create the admin: " + string.Join(" ", errors.Select(e => e.Description)));
        Assert.True((await accounts.MakeAdminAsync(user)).Succeeded);
        return AdminEmail;
    }
}
