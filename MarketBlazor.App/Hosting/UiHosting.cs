using MarketBlazor.App.Components.Account;
using MarketBlazor.App.Components.Layout;
using MarketBlazor.App.Components.Pages.Leaderboard;
using MarketBlazor.Data.Queries;
using MudBlazor;
using MudBlazor.Services;

namespace MarketBlazor.App.Hosting;

public static class UiHosting
{
    public static void AddMarketUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        // MapStaticAssets re-reads files from disk on every request when it runs from the build's
        // manifest (hot reload): no-cache, and the precompressed .gz variants bypassed, so MudBlazor's
        // 627 KB stylesheet went out whole on every visit. Only Development needs that; elsewhere (the
        // browser tests' Testing host included) serve what the build produced, as a publish does:
        // fingerprinted, gzip, cached for a year. An explicit setting still wins.
        if (!builder.Environment.IsDevelopment())
            builder.Configuration["ReloadStaticAssetsAtRuntime"] ??= "false";
        // Confirmations appear at the bottom, clear of the trade ticket at the top of a phone screen.
        builder.Services.AddMudServices(mud => mud.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomCenter);
        builder.Services.AddExceptionHandler<BadFormPostHandler>();
        builder.Services.AddScoped<IdentityRedirectManager>();
        builder.Services.AddScoped<DisplayNameChanger>();
        builder.Services.AddScoped<GuestGraduation>();
        builder.Services.AddSingleton<PeriodActivityReader>();
        // Singleton: its short cache is what lets every leaderboard viewer share one read per period.
        builder.Services.AddSingleton<PeriodLeaderboard>();
    }

    public static void UseMarketUi(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.AskForColorSchemeHint();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode();
        app.MapIdentityEndpoints();
    }
}
