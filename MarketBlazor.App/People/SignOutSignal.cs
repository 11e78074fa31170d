namespace MarketBlazor.App.People;

/// <summary>Tells this instance's circuits that a user signed out (in any tab), so they stop trading at once rather than at the next revalidation.</summary>
public sealed class SignOutSignal
{
    public event Action<string>? SignedOut;

    public void Raise(string userId) => SignedOut?.Invoke(userId);
}
