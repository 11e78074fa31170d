using Bunit;
using MarketBlazor.App.Components.Layout;
using MarketBlazor.App.Components.Shared;
using MarketBlazor.App.People;
using MarketBlazor.Data.Entities;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using System.Text.RegularExpressions;

namespace MarketBlazor.Tests.Components;

public class MainLayoutTests(DatabaseFixture database) : DatabaseTest(database)
{
    private static string Testid(string id) => $"[data-testid=\"{id}\"]";

    /// <summary>MudThemeProvider's rendered palette carries MarketTheme's dark background.</summary>
    private static readonly Regex DarkPalette = new(@"--mud-palette-background:\s*(#32333d|rgba?\(50,\s*51,\s*61)", RegexOptions.IgnoreCase);

    private const string ThemeScript = "./Components/Layout/MainLayout.razor.js";

    private static IRenderedComponent<MainLayout> RenderLayout(MudTestContext context, ThemeMode theme = ThemeMode.Unknown)
    {
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return context.Render<MainLayout>(parameters => parameters
            .SetAssignedRenderMode(Microsoft.AspNetCore.Components.Web.RenderMode.InteractiveServer)
            .AddCascadingValue(theme)
            .Add(l => l.Body, (RenderFragment)(body => body.AddContent(0, "the page"))));
    }

    [Fact]
    public async Task A_theme_the_request_named_is_rendered_at_once_without_asking_the_browser()
    {
        await using var context = await MudTestContext.StartAsync(Database);
        var script = context.JSInterop.SetupModule(ThemeScript);
        script.Setup<bool>("systemPrefersDark").SetResult(false);

        var layout = RenderLayout(context, ThemeMode.Dark);

        Assert.Matches(DarkPalette, layout.Markup);
        Assert.Empty(script.Invocations["systemPrefersDark"]);
    }

    [Fact]
    public async Task Without_a_known_theme_the_layout_follows_the_browser_preference()
    {
        await using var context = await MudTestContext.StartAsync(Database);
        var script = context.JSInterop.SetupModule(ThemeScript);
        script.Setup<bool>("systemPrefersDark").SetResult(true);
        script.SetupVoid("showTheme", _ => true).SetVoidResult();

        var layout = RenderLayout(context);

        layout.WaitForAssertion(() => Assert.Matches(DarkPalette, layout.Markup), MudTestContext.Patience);
        Assert.Single(script.Invocations["showTheme"]);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_offered_sign_in_register_and_try_it_now_and_no_simulator()
    {
        await using var context = await MudTestContext.StartAsync(Database);

        var layout = RenderLayout(context);

        Assert.StartsWith("Account/Login", layout.Find(Testid("sign-in")).GetAttribute("href"), StringComparison.Ordinal);
        Assert.StartsWith("Account/Register", layout.Find(Testid("register")).GetAttribute("href"), StringComparison.Ordinal);
        var tryItNow = layout.Find(Testid("try-it-now")).Closest("form")!;
        Assert.Equal("post", tryItNow.GetAttribute("method"));
        Assert.Equal("Account/Guest", tryItNow.GetAttribute("action"));
        Assert.NotNull(tryItNow.QuerySelector("input[name=returnUrl]"));
        Assert.Empty(layout.FindAll(Testid("current-user")));
        Assert.Empty(layout.FindAll(Testid("nav-simulator")));
        Assert.Empty(layout.FindAll(Testid("account-picker")));
    }

    [Fact]
    public async Task A_trader_sees_their_name_and_cash_live_until_they_sign_out()
    {
        var market = await Data.MarketAsync();
        var trader = await Data.AccountAsync(1_000m);
        await using var context = await MudTestContext.StartAsync(Database);
        context.SignInAs(trader);
        context.Authorization.SetPolicies(MarketPolicies.Simulator);
        var layout = RenderLayout(context);
        Assert.Equal(trader.DisplayName, layout.Find(Testid("current-user")).TextContent.Trim());
        Assert.Equal("1,000.00", layout.Find(Testid("current-cash")).TextContent.Trim());
        Assert.NotNull(layout.Find(Testid("nav-simulator")));
        Assert.Empty(layout.FindAll(Testid("sign-in")));

        var filled = await MudTestContext.FillAsync(context.Trades, trader.Id, market.Id, Side.Yes, TradeAction.Buy, 10);

        layout.WaitForAssertion(() => Assert.Equal(Format.Money(1_000m - filled.Trade.Amount), layout.Find(Testid("current-cash")).TextContent.Trim()), MudTestContext.Patience);

        context.SignOut();

        layout.WaitForAssertion(() =>
        {
            Assert.Empty(layout.FindAll(Testid("current-user")));
            Assert.NotNull(layout.Find(Testid("sign-in")));
        }, MudTestContext.Patience);
    }

    [Fact]
    public async Task The_app_bar_marks_the_current_page_and_offers_insights_only_to_an_admin()
    {
        var trader = await Data.AccountAsync(1_000m);
        await using var context = await MudTestContext.StartAsync(Database);
        context.SignInAs(trader);
        var layout = RenderLayout(context);

        Assert.Equal("page", layout.Find(Testid("nav-markets")).GetAttribute("aria-current"));
        Assert.Contains("current", layout.Find(Testid("nav-markets")).ClassList);
        Assert.Null(layout.Find(Testid("nav-portfolio")).GetAttribute("aria-current"));
        Assert.Equal("Portfolio", layout.Find(Testid("nav-portfolio")).GetAttribute("aria-label"));
        Assert.Empty(layout.FindAll(Testid("nav-insights")));

        await using var adminContext = await MudTestContext.StartAsync(Database);
        adminContext.SignInAs(trader);
        adminContext.Authorization.SetPolicies(MarketPolicies.Admin);
        var admin = RenderLayout(adminContext);

        Assert.Equal("/admin/insights", admin.Find(Testid("nav-insights")).GetAttribute("href"));
    }

    [Fact]
    public async Task The_dark_mode_toggle_says_what_it_does_and_switches_the_palette()
    {
        await using var context = await MudTestContext.StartAsync(Database);
        var script = context.JSInterop.SetupModule(ThemeScript);
        script.Setup<bool>("systemPrefersDark").SetResult(false);
        script.SetupVoid("rememberTheme", _ => true).SetVoidResult();
        var layout = RenderLayout(context, ThemeMode.Light);
        var toggle = layout.Find(Testid("dark-mode-toggle"));
        Assert.Equal("Switch to dark mode", toggle.GetAttribute("aria-label"));
        Assert.Equal("false", toggle.GetAttribute("aria-pressed"));
        Assert.DoesNotMatch(DarkPalette, layout.Markup);

        toggle.Click();

        layout.WaitForAssertion(() =>
        {
            Assert.Equal("Switch to light mode", layout.Find(Testid("dark-mode-toggle")).GetAttribute("aria-label"));
            Assert.Equal("true", layout.Find(Testid("dark-mode-toggle")).GetAttribute("aria-pressed"));
            Assert.Matches(DarkPalette, layout.Markup);
        }, MudTestContext.Patience);
        Assert.Single(script.Invocations["rememberTheme"]);
    }
}
