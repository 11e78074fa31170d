using System.Security.Claims;
using MarketBlazor.Data;
using MarketBlazor.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MarketBlazor.App.People;

/// <summary>Adds the trading account, display name and guest flag to the cookie at sign-in.</summary>
public sealed class MarketClaimsPrincipalFactory(
    UserManager<MarketUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options,
    IDbContextFactory<MarketDbContext> contexts)
    : UserClaimsPrincipalFactory<MarketUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(MarketUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        await using var db = await contexts.CreateDbContextAsync();
        var accountId = await db.Accounts.Where(a => a.UserId == user.Id).Select(a => (int?)a.Id).FirstOrDefaultAsync();
        if (accountId is { } id) identity.AddClaim(new Claim(MarketClaims.AccountId, id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(MarketClaims.DisplayName, user.DisplayName));
        if (user.IsGuest) identity.AddClaim(new Claim(MarketClaims.Guest, "true"));
        return identity;
    }
}
