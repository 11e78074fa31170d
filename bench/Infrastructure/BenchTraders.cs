using System.Security.Cryptography;
using System.Text;
using MarketBlazor.Data;
using MarketBlazor.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.Bench.Infrastructure;

/// <summary>
/// Makes bench accounts people with personal API keys before a run, as <c>users add</c> and
/// <c>keys create</c> would, but straight through the data model (the bench does not reference
/// the app, and starting the app's command line once per trader would take minutes): a user per
/// account, the account's <c>user_id</c>, and a key stored the way the app stores one — a 12-character
/// visible prefix and the SHA-256 of the key, never the key. The app accepts any key that starts with
/// <c>mbk_</c>, is at most 64 characters and whose hash it finds.
/// </summary>
public static class BenchTraders
{
    /// <summary>The app's admin role (MarketRoles.Admin; the bench does not reference the app).</summary>
    private const string AdminRole = "admin";

    /// <param name="admins">Make them admins too: the app's diagnostics endpoints answer only an admin's key.</param>
    /// <returns>Each account's key, to send as <c>Authorization: Bearer</c>.</returns>
    public static async Task<IReadOnlyDictionary<int, string>> GiveKeysAsync(
        string connectionString, IReadOnlyCollection<int> accountIds, CancellationToken cancellationToken, bool admins = false)
    {
        await using var db = new MarketDbContext(MarketDbOptions.For(connectionString));
        var role = admins ? await AdminRoleAsync(db, cancellationToken) : null;
        var accounts = await db.Accounts.Where(a => accountIds.Contains(a.Id)).ToListAsync(cancellationToken);
        var keys = new Dictionary<int, string>();
        var now = DateTimeOffset.UtcNow;
        foreach (var account in accounts)
        {
            var email = EmailOf(account.Id);
            var user = new MarketUser
            {
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                DisplayName = account.DisplayName,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                CreatedAt = now,
            };
            db.Users.Add(user);
            account.UserId = user.Id;
            account.IsSimulated = false;
            var key = "mbk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
            db.ApiKeys.Add(new ApiKey { UserId = user.Id, Name = "bench", Prefix = key[..12], Hash = SHA256.HashData(Encoding.UTF8.GetBytes(key)), CreatedAt = now });
            keys[account.Id] = key;
            if (role is not null)
            {
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
                // An admin also signs in with the cookie: the fanout's floor page is an admin's diagnostics page.
                user.PasswordHash = new PasswordHasher<MarketUser>().HashPassword(user, AdminPassword);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return keys;
    }

    /// <summary>The password of every bench admin: a throwaway database, a throwaway secret.</summary>
    public const string AdminPassword = "Bench-Admin-Password-1";

    public static string EmailOf(int accountId) => $"bench-trader-{accountId}@bench.local";

    private static async Task<IdentityRole> AdminRoleAsync(MarketDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Roles.FirstOrDefaultAsync(r => r.NormalizedName == AdminRole.ToUpperInvariant(), cancellationToken) is { } existing) return existing;
        var role = new IdentityRole(AdminRole) { NormalizedName = AdminRole.ToUpperInvariant() };
        db.Roles.Add(role);
        return role;
    }
}
