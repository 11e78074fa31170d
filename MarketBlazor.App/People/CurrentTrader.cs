using Microsoft.AspNetCore.Components.Authorization;

namespace MarketBlazor.App.People;

/// <summary>
/// The circuit's trader, read from its sign-in state and nothing else: no page parameter, storage
/// value or form field can choose whose money an order spends.
/// </summary>
public sealed class CurrentTrader : IDisposable
{
    private readonly AuthenticationStateProvider authentication;

    public CurrentTrader(AuthenticationStateProvider authentication)
    {
        this.authentication = authentication;
        authentication.AuthenticationStateChanged += OnChanged;
    }

    /// <summary>Raised when the user signs in or out (in this tab or, through revalidation, another).</summary>
    public event Action? Changed;

    public async Task<Trader?> GetAsync() => Trader.From((await authentication.GetAuthenticationStateAsync()).User);

    private void OnChanged(Task<AuthenticationState> state) => Changed?.Invoke();

    public void Dispose() => authentication.AuthenticationStateChanged -= OnChanged;
}
