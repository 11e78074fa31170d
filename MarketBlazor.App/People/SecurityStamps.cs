using System.Collections.Concurrent;
using System.Security.Claims;
using MarketBlazor.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.App.People;

/// <summary>
/// Users' current security stamps, read at most once per <see cref="FreshFor"/> per user and
/// instance, however many circuits that user has open. Every circuit revalidates its sign-in
/// each minute: read one by one, 5,000 circuits emptied the connection pool and signed
/// themselves out. A sign-out on this instance forgets the user's stamp at once.
/// </summary>
public sealed class SecurityStamps
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(30);

    private readonly IDbContextFactory<MarketDbContext> contexts;
    private readonly TimeProvider clock;
    private readonly ConcurrentDictionary<string, Lookup> lookups = new();

    public SecurityStamps(IDbContextFactory<MarketDbContext> contexts, TimeProvider clock, SignOutSignal signOuts)
    {
        this.contexts = contexts;
        this.clock = clock;
        signOuts.SignedOut += userId => lookups.TryRemove(userId, out _);
    }

    /// <summary>
    /// Whether the principal's stamp is still its user's. An outage is not a sign-out: while the
    /// database cannot answer, the circuit keeps its user and asks again at the next revalidation.
    /// </summary>
    public async Task<bool> StillValidAsync(ClaimsPrincipal user, ClaimsIdentityOptions claims)
    {
        if (user.FindFirstValue(claims.UserIdClaimType) is not { } userId) return false;
        try
        {
            var current = await CurrentAsync(userId);
            return current is not null && current == user.FindFirstValue(claims.SecurityStampClaimType);
        }
        catch (Exception e) when (DatabaseFailures.IsUnavailable(e))
        {
            return true;
        }
    }

    /// <returns>The user's stamp, or null when the user no longer exists.</returns>
    public Task<string?> CurrentAsync(string userId)
    {
        var now = clock.GetUtcNow();
        var lookup = lookups.AddOrUpdate(userId,
            static (id, state) => state.Self.Read(id, state.Now),
            static (id, existing, state) => existing.IsFreshAt(state.Now) ? existing : state.Self.Read(id, state.Now),
            (Self: this, Now: now));
        return lookup.Stamp;
    }

    private Lookup Read(string userId, DateTimeOffset now) => new(ReadAsync(userId), now);

    private async Task<string?> ReadAsync(string userId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.SecurityStamp).FirstOrDefaultAsync();
    }

    private sealed record Lookup(Task<string?> Stamp, DateTimeOffset ReadAt)
    {
        // A failed read is not kept: the next revalidation asks the database again.
        public bool IsFreshAt(DateTimeOffset now) => !Stamp.IsFaulted && !Stamp.IsCanceled && now - ReadAt < FreshFor;
    }
}
