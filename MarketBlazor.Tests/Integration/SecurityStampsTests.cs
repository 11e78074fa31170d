using System.Security.Claims;
using MarketBlazor.App.People;
using MarketBlazor.Data.Entities;
using MarketBlazor.Tests.Infrastructure;
using MarketBlazor.Tests.Live;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MarketBlazor.Tests.Integration;

/// <summary>The stamp reads behind every circuit's revalidation: one per user, however many circuits it has.</summary>
public class SecurityStampsTests(DatabaseFixture database) : DatabaseTest(database)
{
    private static readonly ClaimsIdentityOptions Claims = new();

    private readonly QueryCounter queries = new();
    private readonly SignOutSignal signOuts = new();
    private readonly TestClock clock = new(DateTimeOffset.Parse("2026-12-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task A_thousand_circuits_of_one_user_revalidate_with_one_query()
    {
        await AddUserAsync("ann", "stamp-1");
        var stamps = new SecurityStamps(Database.CreateFactory(queries), clock, signOuts);

        var answers = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => stamps.StillValidAsync(Principal("ann", "stamp-1"), Claims)));

        Assert.All(answers, Assert.True);
        Assert.Equal(1, queries.Count);
    }

    [Fact]
    public async Task A_stamp_changed_elsewhere_signs_the_circuit_out_once_the_cached_one_is_stale()
    {
        await AddUserAsync("ann", "stamp-1");
        var stamps = new SecurityStamps(Database.CreateFactory(queries), clock, signOuts);
        Assert.True(await stamps.StillValidAsync(Principal("ann", "stamp-1"), Claims));

        await SetStampAsync("ann", "stamp-2");
        Assert.True(await stamps.StillValidAsync(Principal("ann", "stamp-1"), Claims));
        clock.Advance(SecurityStamps.FreshFor);

        Assert.False(await stamps.StillValidAsync(Principal("ann", "stamp-1"), Claims));
        Assert.Equal(2, queries.Count);
    }

    [Fact]
    public async Task A_sign_out_on_this_instance_is_seen_at_once()
    {
        await AddUserAsync("ann", "stamp-1");
        var stamps = new SecurityStamps(Database.CreateFactory(queries), clock, signOuts);
        Assert.True(await stamps.StillValidAsync(Principal("ann", "stamp-1"), Claims));

        await SetStampAsync("ann", "stamp-2");
        signOuts.Raise("ann");

        Assert.False(await stamps.StillValidAsync(Principal("ann", "stamp-1"), Claims));
    }

    [Fact]
    public async Task A_deleted_user_or_a_principal_without_an_id_is_not_valid()
    {
        var stamps = new SecurityStamps(Database.Contexts, clock, signOuts);

        Assert.False(await stamps.StillValidAsync(Principal("nobody", "stamp-1"), Claims));
        Assert.False(await stamps.StillValidAsync(new ClaimsPrincipal(new ClaimsIdentity()), Claims));
    }

    [Fact]
    public async Task An_outage_keeps_the_circuit_signed_in_and_the_next_read_asks_again()
    {
        await AddUserAsync("ann", "stamp-1");
        var down = true;
        var stamps = new SecurityStamps(new InterceptedContexts(Database.Contexts, () =>
            down ? Task.FromException(new NpgsqlException("the database is restarting")) : Task.CompletedTask), clock, signOuts);

        Assert.True(await stamps.StillValidAsync(Principal("ann", "stale-stamp"), Claims));

        down = false;
        Assert.False(await stamps.StillValidAsync(Principal("ann", "stale-stamp"), Claims));
    }

    [Fact]
    public async Task A_bug_is_not_mistaken_for_an_outage()
    {
        await AddUserAsync("ann", "stamp-1");
        var stamps = new SecurityStamps(new InterceptedContexts(Database.Contexts, () =>
            Task.FromException(new InvalidOperationException("bug"))), clock, signOuts);

        await Assert.ThrowsAsync<InvalidOperationException>(() => stamps.StillValidAsync(Principal("ann", "stamp-1"), Claims));
    }

    private static ClaimsPrincipal Principal(string userId, string stamp) => new(new ClaimsIdentity(
        [new Claim(Claims.UserIdClaimType, userId), new Claim(Claims.SecurityStampClaimType, stamp)], IdentityConstants.ApplicationScheme));

    private async Task AddUserAsync(string id, string stamp)
    {
        await using var db = await Database.Contexts.CreateDbContextAsync();
        db.Users.Add(new MarketUser { Id = id, UserName = id, DisplayName = id, NormalizedUserName = id.ToUpperInvariant(), SecurityStamp = stamp });
        await db.SaveChangesAsync();
    }

    private async Task SetStampAsync(string id, string stamp)
    {
        await using var db = await Database.Contexts.CreateDbContextAsync();
        await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.SecurityStamp, stamp));
    }

    private sealed class TestClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
