using System.Security.Cryptography;
using System.Text;
using MarketBlazor.App.Commands;
using MarketBlazor.App.People;
using MarketBlazor.Data.Entities;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MarketBlazor.Tests.Integration;

/// <summary>
/// The operator's commands (<c>users add</c>, <c>keys create</c>) against the app's real services
/// on the test database, and once each as the built app run as a process.
/// </summary>
public class AdminCommandTests(DatabaseFixture database) : DatabaseTest(database)
{
    private MarketAppFactory? app;

    private IServiceProvider Services => (app ??= new MarketAppFactory(Database.ConnectionString)).Services;

    public override async Task DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
    }

    [Fact]
    public async Task Users_add_creates_one_user_with_one_funded_account_and_prints_a_password_that_signs_in()
    {
        var (exit, lines) = await RunAsync("users", "add", "ada@example.com");

        Assert.Equal(0, exit);
        await using var db = await Database.Contexts.CreateDbContextAsync();
        var user = Assert.Single(await db.Users.ToListAsync());
        var account = Assert.Single(await db.Accounts.ToListAsync());
        Assert.Equal("ada@example.com", user.Email);
        Assert.Equal(user.Id, account.UserId);
        Assert.False(account.IsSimulated);
        Assert.Equal(new PeopleOptions().StartingBalance, account.Balance);
        Assert.Equal(account.Balance, account.Granted);
        Assert.Empty(await db.UserRoles.ToListAsync());

        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<MarketUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByEmailAsync("ada@example.com"))!, lines[^1]));
        Assert.False(await users.CheckPasswordAsync((await users.FindByEmailAsync("ada@example.com"))!, lines[^1] + "x"));
        await Invariants.AssertHoldAsync(Database.ConnectionString);
    }

    [Fact]
    public async Task Users_add_with_admin_and_name_gives_the_admin_role_and_the_display_name()
    {
        var (exit, _) = await RunAsync("users", "add", "--admin", "grace@example.com", "--name", "Grace H");

        Assert.Equal(0, exit);
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<MarketUser>>();
        var user = (await users.FindByEmailAsync("grace@example.com"))!;
        Assert.True(await users.IsInRoleAsync(user, MarketRoles.Admin));
        Assert.Equal("Grace H", user.DisplayName);
    }

    [Fact]
    public async Task Users_add_with_an_e_mail_already_taken_exits_1_and_adds_nobody()
    {
        Assert.Equal(0, (await RunAsync("users", "add", "ada@example.com")).Exit);

        var (exit, lines) = await RunAsync("users", "add", "ADA@example.com");

        Assert.Equal(1, exit);
        Assert.Contains("ADA@example.com", lines[0]);
        await using var db = await Database.Contexts.CreateDbContextAsync();
        Assert.Equal(1, await db.Users.CountAsync());
        Assert.Equal(1, await db.Accounts.CountAsync());
    }

    [Fact]
    public async Task Keys_create_prints_a_key_on_the_last_line_that_authenticates_and_stores_only_its_hash()
    {
        await RunAsync("users", "add", "ada@example.com");

        var (exit, lines) = await RunAsync("keys", "create", "ada@example.com", "--name", "trading bot");

        Assert.Equal(0, exit);
        var key = lines[^1];
        Assert.StartsWith(ApiKeys.KeyPrefix, key);
        var owner = await Services.GetRequiredService<ApiKeys>().AuthenticateAsync(key);
        Assert.NotNull(owner);
        await using var db = await Database.Contexts.CreateDbContextAsync();
        var account = await db.Accounts.SingleAsync();
        Assert.Equal(account.Id, owner.AccountId);
        var stored = await db.ApiKeys.SingleAsync();
        Assert.Equal("trading bot", stored.Name);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(key)), stored.Hash);
        Assert.True(key.Length > stored.Prefix.Length && key.StartsWith(stored.Prefix, StringComparison.Ordinal));
        Assert.DoesNotContain(key, string.Join("|", stored.Name, stored.Prefix, stored.UserId));
    }

    [Fact]
    public async Task Keys_create_for_an_unknown_e_mail_exits_1_and_creates_no_key()
    {
        var (exit, lines) = await RunAsync("keys", "create", "nobody@example.com");

        Assert.Equal(1, exit);
        Assert.Contains("nobody@example.com", lines[0]);
        await using var db = await Database.Contexts.CreateDbContextAsync();
        Assert.Equal(0, await db.ApiKeys.CountAsync());
    }

    [Theory]
    [InlineData("users add")]
    [InlineData("users add --admin")]
    [InlineData("users add not-an-address")]
    [InlineData("users add ada@")]
    [InlineData("users add ada@example.com --bogus")]
    [InlineData("users add ada@example.com --name")]
    [InlineData("users add ada@example.com bob@example.com")]
    [InlineData("users remove ada@example.com")]
    [InlineData("keys create")]
    [InlineData("keys create ada@example.com --admin")]
    [InlineData("keys")]
    public async Task Bad_arguments_print_the_usage_and_exit_2_before_anything_runs(string commandLine)
    {
        using var output = new StringWriter();

        // Null is exit 2: AdminCommands.RunAsync returns it before migrating or running anything.
        Assert.Null(AdminCommands.Parse(commandLine.Split(' '), output));

        Assert.Contains(AdminCommands.Usage, output.ToString());
        Assert.Equal((0, 0, 0, 0), await Data.CountsAsync());
    }

    [Fact]
    public async Task The_real_app_process_creates_a_key_and_prints_it_alone_on_the_last_line_of_standard_output()
    {
        Assert.Equal(0, (await RunAsync("users", "add", "ada@example.com")).Exit);

        var created = await AppCommand.RunAsync(Database.ConnectionString, "keys", "create", "ada@example.com");

        Assert.True(created.ExitCode == 0, $"exit {created.ExitCode}\n{created.Output}\n{created.Errors}");
        var key = created.OutputLines[^1];
        Assert.Matches("^mbk_[0-9a-z]{32}$", key);
        Assert.NotNull(await Services.GetRequiredService<ApiKeys>().AuthenticateAsync(key));
    }

    [Fact]
    public async Task The_real_app_process_exits_2_with_the_usage_on_bad_arguments_and_1_for_an_unknown_user()
    {
        var bad = await AppCommand.RunAsync(Database.ConnectionString, "users", "add", "not-an-address");
        var unknown = await AppCommand.RunAsync(Database.ConnectionString, "keys", "create", "nobody@example.com");

        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("users add EMAIL", bad.Output);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("nobody@example.com", unknown.Output);
        await using var db = await Database.Contexts.CreateDbContextAsync();
        Assert.Equal(0, await db.Users.CountAsync());
        Assert.Equal(0, await db.ApiKeys.CountAsync());
    }

    private async Task<(int Exit, string[] Lines)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        var command = AdminCommands.Parse(args, output) ?? throw new InvalidOperationException($"Rejected: {output}");
        var exit = await command.RunAsync(Services, output);
        return (exit, output.ToString().TrimEnd().Split(Environment.NewLine));
    }
}
