using System.Security.Cryptography;
using MarketBlazor.App.Live;
using MarketBlazor.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MarketBlazor.App.People;

/// <summary>
/// Creates people: the Identity user and its one trading account in a single SaveChanges (one
/// transaction), funded with the starting grant, and tells this instance's board about the account.
/// </summary>
public sealed class UserAccounts(
    UserManager<MarketUser> users,
    RoleManager<IdentityRole> roles,
    MarketBoard board,
    IOptions<PeopleOptions> options,
    TimeProvider clock)
{
    public async Task<(MarketUser? User, IEnumerable<IdentityError> Errors)> CreateAsync(string email, string? password, string? displayName)
    {
        var user = NewUser(email.Trim(), string.IsNullOrWhiteSpace(displayName) ? email.Split('@')[0] : displayName.Trim(), isGuest: false);
        user.Email = email.Trim();
        var result = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        return Created(user, result);
    }

    /// <summary>"Try it now": a person with no e-mail or password yet, who may add one later and keep everything.</summary>
    public async Task<MarketUser> CreateGuestAsync()
    {
        var tag = RandomNumberGenerator.GetHexString(8, lowercase: true);
        var user = NewUser($"guest-{tag}", $"Guest {tag[..4].ToUpperInvariant()}", isGuest: true);
        var (created, errors) = Created(user, await users.CreateAsync(user));
        return created ?? throw new InvalidOperationException($"Could not create a guest: {string.Join(" ", errors.Select(e => e.Description))}");
    }

    public async Task<IdentityResult> MakeAdminAsync(MarketUser user)
    {
        // Roles are rows like any other (tests reset them), so the role is made where it is first needed.
        if (!await roles.RoleExistsAsync(MarketRoles.Admin))
            await roles.CreateAsync(new IdentityRole(MarketRoles.Admin));
        return await users.AddToRoleAsync(user, MarketRoles.Admin);
    }

    /// <summary>A random password that satisfies Identity's default rules, for operator-created users.</summary>
    public static string GeneratePassword() =>
        RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20) + "-7a";

    private MarketUser NewUser(string userName, string displayName, bool isGuest)
    {
        var grant = options.Value.StartingBalance;
        return new MarketUser
        {
            UserName = userName,
            DisplayName = displayName.Length > 80 ? displayName[..80] : displayName,
            IsGuest = isGuest,
            CreatedAt = clock.GetUtcNow(),
            Account = new Account { DisplayName = displayName.Length > 80 ? displayName[..80] : displayName, Balance = grant, Granted = grant },
        };
    }

    private (MarketUser?, IEnumerable<IdentityError>) Created(MarketUser user, IdentityResult result)
    {
        if (!result.Succeeded) return (null, result.Errors);
        var account = user.Account!;
        board.AccountOpened(new BoardAccount(account.Id, account.DisplayName, account.Balance, account.IsSimulated));
        return (user, []);
    }
}
