using MarketBlazor.App.Components.Shared;
using MarketBlazor.App.Live;
using MarketBlazor.App.People;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.JSInterop;
using MudBlazor;

namespace MarketBlazor.App.Components.Layout;

public sealed partial class MainLayout : IAsyncDisposable
{
    private static readonly AppBarLink[] NavLinks =
    [
        new("/", "Markets", Icons.Material.Filled.ShowChart, "nav-markets"),
        new("/portfolio", "Portfolio", Icons.Material.Filled.AccountBalanceWallet, "nav-portfolio"),
        new("/leaderboard", "Leaderboard", Icons.Material.Filled.EmojiEvents, "nav-leaderboard"),
        new(SimulatorHref, "Simulator", Icons.Material.Filled.PlayCircle, "nav-simulator"),
    ];

    private static readonly AppBarLink InsightsLink = new("/admin/insights", "Insights", Icons.Material.Filled.Insights, "nav-insights");

    /// <summary>Their hrefs carry the page to come back to, so only their looks are shared.</summary>
    private static readonly AppBarLink SignInLink = new("", "Sign in", Icons.Material.Filled.Login, "sign-in");

    private static readonly AppBarLink RegisterLink = new("", "Register", Icons.Material.Filled.PersonAdd, "register");

    private static readonly MarkupString LightModeIcon = AppBarIcon.IconButtonContent(Icons.Material.Filled.LightMode);
    private static readonly MarkupString DarkModeIcon = AppBarIcon.IconButtonContent(Icons.Material.Filled.DarkMode);

    private const string SimulatorHref = "/simulator";

    [Inject] private MarketBoard Board { get; set; } = default!;
    [Inject] private MarketBroadcaster Broadcaster { get; set; } = default!;
    [Inject] private CurrentTrader Traders { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private IAuthorizationService Authorization { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private DatabaseHealth Health { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    /// <summary>What the request said (cookie or system hint), so the prerendered HTML is already in that theme.</summary>
    [CascadingParameter] private ThemeMode InitialTheme { get; set; }

    private bool darkMode;
    private bool circuitReady;
    private Trader? trader;
    private bool mayUseSimulator;
    private bool mayUseInsights;
    private LiveFeed? feed;
    private CircuitWork? work;
    private IJSObjectReference? themeScript;

    private IEnumerable<AppBarLink> VisibleNavLinks => NavLinks.Where(link => link.Href != SimulatorHref || mayUseSimulator);

    protected override async Task OnInitializedAsync()
    {
        darkMode = InitialTheme == ThemeMode.Dark;
        Traders.Changed += OnTraderChanged;
        Navigation.LocationChanged += OnLocationChanged;
        Health.Changed += OnHealthChanged;
        await LoadTraderAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        if (InitialTheme == ThemeMode.Unknown && await SystemPrefersDarkAsync())
        {
            // A browser that sent no colour-scheme hint: follow its preference now, without making it a choice.
            darkMode = true;
            await themeScript!.InvokeVoidAsync("showTheme", true);
        }
        circuitReady = true;
        StateHasChanged();
    }

    private async Task LoadTraderAsync()
    {
        var user = (await Authentication.GetAuthenticationStateAsync()).User;
        trader = Trader.From(user);
        mayUseSimulator = (await Authorization.AuthorizeAsync(user, MarketPolicies.Simulator)).Succeeded;
        mayUseInsights = (await Authorization.AuthorizeAsync(user, MarketPolicies.Admin)).Succeeded;
        FollowCash();
    }

    /// <summary>
    /// Only a signed-in trader's circuit has cash to follow, so only it subscribes: an anonymous
    /// circuit costs the fan-out nothing here. A static render shows the cash once.
    /// </summary>
    private void FollowCash()
    {
        if (trader is null || !RendererInfo.IsInteractive)
        {
            feed?.Dispose();
            feed = null;
            return;
        }
        feed ??= LiveFeed.Start(Broadcaster, async (changes, resync) =>
        {
            if (trader is { } current && (resync || changes.Any(c => c.Trade?.AccountId == current.AccountId)))
                await InvokeAsync(StateHasChanged);
        }, DispatchExceptionAsync);
    }

    private bool IsActive(string href)
    {
        var path = "/" + Navigation.ToBaseRelativePath(Navigation.Uri).Split('?', '#')[0];
        return href == "/" ? path == "/" || path.StartsWith("/markets", StringComparison.Ordinal) : path.StartsWith(href, StringComparison.Ordinal);
    }

    private void OnTraderChanged() => Work.Start(async () =>
    {
        await LoadTraderAsync();
        StateHasChanged();
    });

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => Work.Start(() => { StateHasChanged(); return Task.CompletedTask; });

    private void OnHealthChanged() => Work.Start(() => { StateHasChanged(); return Task.CompletedTask; });

    private CircuitWork Work => work ??= new CircuitWork(InvokeAsync, DispatchExceptionAsync);

    private async Task ToggleDarkModeAsync()
    {
        // The cookie first, then the colours: once the page looks switched, a reload or a new tab agrees.
        var dark = !darkMode;
        await (await ThemeScriptAsync()).InvokeVoidAsync("rememberTheme", dark);
        darkMode = dark;
    }

    /// <summary>A client that cannot say (its script failed, or it answers interop without a module) keeps the light theme, and its circuit.</summary>
    private async Task<bool> SystemPrefersDarkAsync()
    {
        try
        {
            return await ThemeScriptAsync() is { } script && await script.InvokeAsync<bool>("systemPrefersDark");
        }
        catch (JSException)
        {
            return false;
        }
    }

    private async Task<IJSObjectReference> ThemeScriptAsync() =>
        themeScript ??= await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Layout/MainLayout.razor.js");

    public async ValueTask DisposeAsync()
    {
        Traders.Changed -= OnTraderChanged;
        Navigation.LocationChanged -= OnLocationChanged;
        Health.Changed -= OnHealthChanged;
        feed?.Dispose();
        if (themeScript is not null)
        {
            try
            {
                await themeScript.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the module with it.
            }
        }
    }
}
