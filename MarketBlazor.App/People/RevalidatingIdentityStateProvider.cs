using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MarketBlazor.App.People;

/// <summary>
/// A circuit's sign-in state. Rechecks the security stamp every <see cref="RevalidationInterval"/>
/// (a sign-out changes it, so every instance drops the circuit's user), and at once when this
/// instance hears that the user signed out in another tab. An outage is not a sign-out: while the
/// database cannot answer, the circuit keeps its user and asks again at the next revalidation.
/// </summary>
internal sealed class RevalidatingIdentityStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private static readonly Task<AuthenticationState> Anonymous = Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())));

    private readonly SecurityStamps stamps;
    private readonly IOptions<IdentityOptions> options;
    private readonly SignOutSignal signOuts;
    private string? userId;

    public RevalidatingIdentityStateProvider(ILoggerFactory loggerFactory, SecurityStamps stamps, IOptions<IdentityOptions> options, SignOutSignal signOuts)
        : base(loggerFactory)
    {
        this.stamps = stamps;
        this.options = options;
        this.signOuts = signOuts;
        AuthenticationStateChanged += Remember;
        signOuts.SignedOut += OnSignedOut;
    }

    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken) =>
        stamps.StillValidAsync(state.User, options.Value.ClaimsIdentity).WaitAsync(cancellationToken);

    private async void Remember(Task<AuthenticationState> state)
    {
        try
        {
            userId = (await state).User.FindFirstValue(ClaimTypes.NameIdentifier);
        }
        catch (Exception)
        {
            userId = null;
        }
    }

    private void OnSignedOut(string signedOutUser)
    {
        if (signedOutUser == userId) SetAuthenticationState(Anonymous);
    }

    protected override void Dispose(bool disposing)
    {
        signOuts.SignedOut -= OnSignedOut;
        AuthenticationStateChanged -= Remember;
        base.Dispose(disposing);
    }
}
