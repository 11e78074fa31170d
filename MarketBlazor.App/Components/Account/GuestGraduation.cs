using MarketBlazor.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace MarketBlazor.App.Components.Account;

/// <summary>
/// A guest becomes a member, keeping its account and positions, as soon as it can sign in again on its
/// own: an e-mail with a password, or a passkey. The sign-in is refreshed so its claims say so.
/// </summary>
public sealed class GuestGraduation(UserManager<MarketUser> users, SignInManager<MarketUser> signIn)
{
    /// <returns>True when the user was a guest and is now a member.</returns>
    public async Task<bool> GraduateIfReadyAsync(MarketUser user)
    {
        if (!user.IsGuest) return false;
        var canSignInAgain = (user.Email is not null && await users.HasPasswordAsync(user)) || (await users.GetPasskeysAsync(user)).Count > 0;
        if (!canSignInAgain) return false;

        user.IsGuest = false;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            user.IsGuest = true;
            return false;
        }
        await signIn.RefreshSignInAsync(user);
        return true;
    }
}
