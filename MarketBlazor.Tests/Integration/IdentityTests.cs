using System.Collections.Concurrent;
using System.Data.Common;
using MarketBlazor.App.Live;
using MarketBlazor.App.People;
using MarketBlazor.Data.Entities;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MarketBlazor.Tests.Integration;

/// <summary>Registration and sign-in through the app's real Identity services on the test database.</summary>
public class IdentityTests(DatabaseFixture database) : DatabaseTest(database)
{
    private const string GoodPassword = "Correct-horse-7";

    private readonly WriteRecorder writes = new();
    private MarketAppFactory? app;

    private IServiceProvider Services => (app ??= new MarketAppFactory(Database.ConnectionString,
        services => services.AddSingleton<IInterceptor>(writes))).Services;

    public override async Task DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
    }

    [Fact]
    public async Task Registering_creates_one_user_and_one_funded_account_in_one_transaction()
    {
        await using var scope = Services.CreateAsyncScope();
        var grant = scope.ServiceProvider.GetRequiredService<IOptions<PeopleOptions>>().Value.StartingBalance;
        writes.Clear();

        var (user, errors) = await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync("ann@example.com", GoodPassword, "Ann");

        Assert.Empty(errors);
        Assert.NotNull(user);
        await using var db = await Database.Contexts.CreateDbContextAsync();
        var stored = await db.Users.AsNoTracking().SingleAsync();
        var account = await db.Accounts.AsNoTracking().SingleAsync();
        Assert.Equal(user.Id, stored.Id);
        Assert.Equal("Ann", stored.DisplayName);
        Assert.False(stored.IsGuest);
        Assert.Equal(stored.Id, account.UserId);
        Assert.Equal("Ann", account.DisplayName);
        Assert.Equal(grant, account.Balance);
        Assert.Equal(grant, account.Granted);
        Assert.False(account.IsSimulated);

        var inserts = writes.Commands.Where(c => c.Sql.Contains("INSERT", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Contains(inserts, c => c.Sql.Contains("INSERT INTO users", StringComparison.Ordinal));
        Assert.Contains(inserts, c => c.Sql.Contains("INSERT INTO accounts", StringComparison.Ordinal));
        // Every write of the registration ran inside one and the same transaction.
        Assert.All(writes.Commands, c => Assert.NotNull(c.Transaction));
        Assert.Single(writes.Commands.Select(c => c.Transaction).Distinct());
        Assert.Equal(grant, Services.GetRequiredService<MarketBoard>().Account(account.Id)?.Balance);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("nodigitsorsymbols")]
    public async Task A_registration_with_a_bad_password_writes_nothing(string password)
    {
        await using var scope = Services.CreateAsyncScope();
        writes.Clear();

        var (user, errors) = await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync("ann@example.com", password, "Ann");

        Assert.Null(user);
        Assert.NotEmpty(errors);
        Assert.Empty(writes.Commands);
        Assert.Equal((0, 0), await PeopleAsync());
    }

    [Fact]
    public async Task A_registration_with_a_taken_email_writes_nothing()
    {
        await using (var first = Services.CreateAsyncScope())
            Assert.NotNull((await first.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync("ann@example.com", GoodPassword, "Ann")).User);
        await using var scope = Services.CreateAsyncScope();
        writes.Clear();

        var (user, errors) = await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync("ANN@example.com", GoodPassword, "Another Ann");

        Assert.Null(user);
        Assert.Contains(errors, e => e.Code is "DuplicateEmail" or "DuplicateUserName");
        Assert.Empty(writes.Commands);
        Assert.Equal((1, 1), await PeopleAsync());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_out_even_for_the_right_one()
    {
        await using (var registration = Services.CreateAsyncScope())
            Assert.NotNull((await registration.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync("ann@example.com", GoodPassword, "Ann")).User);

        var results = new List<SignInResult>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await using var scope = Services.CreateAsyncScope();
            var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<MarketUser>>();
            results.Add(await signIn.PasswordSignInAsync("ann@example.com", "Wrong-password-1", isPersistent: false, lockoutOnFailure: true));
        }

        Assert.All(results.Take(4), r => Assert.False(r.Succeeded || r.IsLockedOut));
        Assert.True(results[4].IsLockedOut);
        await using (var scope = Services.CreateAsyncScope())
        {
            var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<MarketUser>>();
            var right = await signIn.PasswordSignInAsync("ann@example.com", GoodPassword, isPersistent: false, lockoutOnFailure: true);
            Assert.True(right.IsLockedOut);
            Assert.False(right.Succeeded);
        }
        await using var db = await Database.Contexts.CreateDbContextAsync();
        Assert.True((await db.Users.AsNoTracking().SingleAsync()).LockoutEnd > DateTimeOffset.UtcNow);
    }

    private async Task<(int Users, int Accounts)> PeopleAsync()
    {
        await using var db = await Database.Contexts.CreateDbContextAsync();
        return (await db.Users.CountAsync(), await db.Accounts.CountAsync());
    }

    /// <summary>Every command that changes rows, with the transaction it ran in.</summary>
    private sealed class WriteRecorder : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<(string Sql, DbTransaction? Transaction)> commands = new();

        public IReadOnlyList<(string Sql, DbTransaction? Transaction)> Commands => commands.ToArray();

        public void Clear() => commands.Clear();

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Record(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Record(command);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        private void Record(DbCommand command)
        {
            var sql = command.CommandText.TrimStart();
            if (sql.Contains("INSERT ", StringComparison.OrdinalIgnoreCase) || sql.Contains("UPDATE ", StringComparison.OrdinalIgnoreCase)
                || sql.Contains("DELETE ", StringComparison.OrdinalIgnoreCase))
                commands.Enqueue((sql, command.Transaction));
        }
    }
}
