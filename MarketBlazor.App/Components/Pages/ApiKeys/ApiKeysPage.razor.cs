using System.Globalization;
using MarketBlazor.App.Components.Shared;
using MarketBlazor.App.People;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace MarketBlazor.App.Components.Pages.ApiKeys;

/// <summary>
/// The signed-in trader's personal API keys: create (the key is shown once, only its hash is kept),
/// list and revoke. Keys are always the trader's own: the user id comes from the sign-in, never the page.
/// </summary>
public sealed partial class ApiKeysPage : IDisposable
{
    [Inject] private People.ApiKeys Keys { get; set; } = default!;
    [Inject] private CurrentTrader Traders { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ILogger<ApiKeysPage> Logger { get; set; } = default!;

    private List<ApiKeyListing>? keys;
    private string? newKeyName;
    private string? createdKey;
    private bool creating;

    private string CurlExample =>
        $$"""
        # what an order would cost (public)
        curl "{{Navigation.BaseUri}}api/markets/1/quote?side=yes&action=buy&amount=10"

        # place it, as you
        curl -X POST "{{Navigation.BaseUri}}api/markets/1/orders" \
          -H "Authorization: Bearer {{createdKey ?? (People.ApiKeys.KeyPrefix + "…")}}" \
          -H "Content-Type: application/json" \
          -d '{"side":"yes","action":"buy","amount":10,"slippage":0.02}'
        """;

    protected override async Task OnInitializedAsync()
    {
        Traders.Changed += OnTraderChanged;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        if (await Traders.GetAsync() is not { } trader)
        {
            keys = [];
            return;
        }
        try
        {
            keys = (await Keys.ListAsync(trader.UserId)).ToList();
        }
        catch (Exception e)
        {
            Logger.LogError(e, "API keys of user {UserId} could not be loaded", trader.UserId);
            Snackbar.Add("Your keys could not be loaded. Try again in a moment.", Severity.Error);
            keys = [];
        }
    }

    private async Task CreateAsync()
    {
        if (creating || string.IsNullOrWhiteSpace(newKeyName) || await Traders.GetAsync() is not { } trader) return;
        creating = true;
        try
        {
            var (key, listing) = await Keys.CreateAsync(trader.UserId, newKeyName);
            createdKey = key;
            newKeyName = null;
            keys = [listing, .. keys ?? []];
        }
        catch (ArgumentException e)
        {
            Snackbar.Add(e.Message.Split(" (Parameter", 2)[0], Severity.Error);
        }
        finally
        {
            creating = false;
        }
    }

    private async Task RevokeAsync(ApiKeyListing key)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Revoke this key?",
            $"Programs using \"{key.Name}\" ({key.Prefix}…) will be refused from now on. This cannot be undone.",
            yesText: "Revoke", cancelText: "Cancel");
        if (confirmed != true || await Traders.GetAsync() is not { } trader) return;

        if (await Keys.RevokeAsync(trader.UserId, key.Id)) Snackbar.Add($"Revoked \"{key.Name}\".", Severity.Success);
        else Snackbar.Add("That key was not found.", Severity.Warning);
        await LoadAsync();
    }

    private async Task CopyAsync()
    {
        if (createdKey is null) return;
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", createdKey);
            Snackbar.Add("Key copied.", Severity.Info);
        }
        catch (JSException)
        {
            Snackbar.Add("Copying is blocked by the browser: select the key and copy it by hand.", Severity.Warning);
        }
    }

    private static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>Signed out in another tab: nothing of the previous user's stays on screen.</summary>
    private void OnTraderChanged() => new CircuitWork(InvokeAsync, DispatchExceptionAsync).Start(async () =>
    {
        createdKey = null;
        await LoadAsync();
        StateHasChanged();
    });

    public void Dispose() => Traders.Changed -= OnTraderChanged;
}
