using Microsoft.JSInterop;

namespace MarketBlazor.App.Identity;

/// <summary>
/// The demo identity of one circuit: which seeded account trades, until sign-in exists.
/// Remembered in the browser's localStorage so a reload keeps it.
/// </summary>
public sealed class CurrentAccount(IJSRuntime js)
{
    public const string StorageKey = "marketblazor.account";

    public int? AccountId { get; private set; }

    /// <summary>Raised when the account is chosen or restored.</summary>
    public event Action? Changed;

    /// <summary>Reads the remembered account; call after the first interactive render (JS is unavailable while prerendering).</summary>
    public async Task RestoreAsync()
    {
        var stored = await js.InvokeAsync<string?>("localStorage.getItem", StorageKey);
        if (int.TryParse(stored, out var id) && id != AccountId)
        {
            AccountId = id;
            Changed?.Invoke();
        }
    }

    public async Task SelectAsync(int accountId)
    {
        AccountId = accountId;
        Changed?.Invoke();
        await js.InvokeVoidAsync("localStorage.setItem", StorageKey, accountId.ToString());
    }
}
