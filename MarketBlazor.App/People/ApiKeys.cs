using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using MarketBlazor.Data;
using MarketBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MarketBlazor.App.People;

/// <summary>
/// Personal API keys: 160 random bits, shown once, stored as a SHA-256 hash with a short visible
/// prefix. Validated keys are remembered for <see cref="PeopleOptions.ApiKeyCacheTime"/> so that
/// an order costs no extra query; revoking on this instance takes effect at once.
/// </summary>
public sealed class ApiKeys(IDbContextFactory<MarketDbContext> contexts, IOptions<PeopleOptions> options, TimeProvider clock, ILogger<ApiKeys> logger)
{
    public const string KeyPrefix = "mbk_";
    public const int MaxNameLength = 80;
    private const int VisiblePrefixLength = 12;
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, ApiKeyOwner> owners = new();
    private readonly ConcurrentDictionary<int, DateTimeOffset> lastUsedWritten = new();

    /// <returns>The key, to show once, and its listing.</returns>
    public async Task<(string Key, ApiKeyListing Listing)> CreateAsync(string userId, string name, CancellationToken cancellationToken = default)
    {
        name = name.Trim();
        if (name.Length == 0 || name.Length > MaxNameLength) throw new ArgumentException($"A key needs a name of 1 to {MaxNameLength} characters.", nameof(name));

        var key = KeyPrefix + Base32(RandomNumberGenerator.GetBytes(20));
        var row = new ApiKey { UserId = userId, Name = name, Prefix = key[..VisiblePrefixLength], Hash = Hash(key), CreatedAt = clock.GetUtcNow() };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ApiKeys.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return (key, Listing(row));
    }

    public async Task<IReadOnlyList<ApiKeyListing>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ApiKeys.AsNoTracking().Where(k => k.UserId == userId).OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);
        return rows.ConvertAll(Listing);
    }

    /// <returns>False when the user has no such key (someone else's keys are "not found" too).</returns>
    public async Task<bool> RevokeAsync(string userId, int keyId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var revoked = await db.ApiKeys.Where(k => k.Id == keyId && k.UserId == userId && k.RevokedAt == null)
            .ExecuteUpdateAsync(k => k.SetProperty(x => x.RevokedAt, clock.GetUtcNow()), cancellationToken);
        foreach (var (hash, owner) in owners)
            if (owner.KeyId == keyId) owners.TryRemove(hash, out _);
        return revoked > 0 || await db.ApiKeys.AnyAsync(k => k.Id == keyId && k.UserId == userId, cancellationToken);
    }

    /// <summary>Drops every cached key of a user, e.g. when their roles change.</summary>
    public void Forget(string userId)
    {
        foreach (var (hash, owner) in owners)
            if (owner.UserId == userId) owners.TryRemove(hash, out _);
    }

    /// <returns>Who the key belongs to, or null when it is unknown or revoked.</returns>
    public async Task<ApiKeyOwner?> AuthenticateAsync(string key, CancellationToken cancellationToken = default)
    {
        if (!key.StartsWith(KeyPrefix, StringComparison.Ordinal) || key.Length > 64) return null;
        var hashText = Convert.ToHexString(Hash(key));
        var now = clock.GetUtcNow();
        if (owners.TryGetValue(hashText, out var cached) && now - cached.CheckedAt < options.Value.ApiKeyCacheTime)
        {
            RecordUse(cached.KeyId, now);
            return cached;
        }

        var hash = Hash(key);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await (
            from k in db.ApiKeys
            where k.Hash == hash && k.RevokedAt == null
            join u in db.Users on k.UserId equals u.Id
            join a in db.Accounts on u.Id equals a.UserId
            select new
            {
                k.Id, UserId = u.Id, AccountId = a.Id, u.DisplayName, u.IsGuest,
                Roles = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name!).ToList(),
            }).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            owners.TryRemove(hashText, out _);
            return null;
        }
        var owner = new ApiKeyOwner(found.Id, found.UserId, found.AccountId, found.DisplayName, found.IsGuest, found.Roles, now);
        owners[hashText] = owner;
        RecordUse(owner.KeyId, now);
        return owner;
    }

    /// <summary>Writes last_used_at at most once a minute per key, off the request's path.</summary>
    private void RecordUse(int keyId, DateTimeOffset now)
    {
        if (lastUsedWritten.TryGetValue(keyId, out var written) && now - written < LastUsedResolution) return;
        lastUsedWritten[keyId] = now;
        _ = Task.Run(async () =>
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync();
                await db.ApiKeys.Where(k => k.Id == keyId).ExecuteUpdateAsync(k => k.SetProperty(x => x.LastUsedAt, now));
            }
            catch (Exception e)
            {
                logger.LogDebug(e, "Could not record the use of API key {KeyId}", keyId);
            }
        });
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static ApiKeyListing Listing(ApiKey k) => new(k.Id, k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt);

    /// <summary>Crockford-style base32 (no padding, no look-alikes): keys survive copy and paste and URLs.</summary>
    private static string Base32(byte[] bytes)
    {
        const string alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
        var text = new StringBuilder(bytes.Length * 8 / 5 + 1);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) text.Append(alphabet[(buffer << (5 - bits)) & 31]);
        return text.ToString();
    }
}
