using MarketBlazor.App.Live;
using MarketBlazor.Data;
using MarketBlazor.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.App.Components.Account;

/// <summary>
/// Renames a person everywhere their name shows: the user row and its trading account change in one
/// SaveChanges (Identity's store and this service share the request's context), then this instance's board.
/// </summary>
public sealed class DisplayNameChanger(MarketDbContext db, UserManager<MarketUser> users, MarketBoard board)
{
    public const int MaxLength = 80;

    public async Task<IdentityResult> ChangeAsync(MarketUser user, string displayName)
    {
        var name = displayName.Trim();
        if (name.Length is 0 or > MaxLength)
            return IdentityResult.Failed(new IdentityError { Code = "DisplayName", Description = $"A display name has 1 to {MaxLength} characters." });

        var account = await db.Accounts.SingleOrDefaultAsync(a => a.UserId == user.Id);
        user.DisplayName = name;
        if (account is not null) account.DisplayName = name;
        // UpdateAsync saves every tracked change of the shared context: the account goes with the user, atomically.
        var result = await users.UpdateAsync(user);
        if (result.Succeeded && account is not null) board.AccountRenamed(account.Id, name);
        return result;
    }
}
