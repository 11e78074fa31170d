using System.Security.Cryptography;
using System.Text;
using Bunit;
using MarketBlazor.App.Components.Pages.ApiKeys;
using MarketBlazor.Data.Entities;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MarketBlazor.Tests.Components;

public class ApiKeysPageTests(DatabaseFixture database) : DatabaseTest(database)
{
    private static string Testid(string id) => $"[data-testid=\"{id}\"]";

    [Fact]
    public async Task A_key_is_shown_once_stored_only_as_a_hash_listed_and_revoked_after_confirmation()
    {
        var (user, account) = await PersonAsync("ann@example.com");
        var (stranger, _) = await PersonAsync("bob@example.com");
        await using var context = await MudTestContext.StartAsync(Database);
        context.SignInAs(account, user.Id);
        var dialogs = context.Render<MudDialogProvider>();
        var page = context.Render<ApiKeysPage>();
        page.WaitForElement(Testid("api-keys-empty"), MudTestContext.Patience);

        page.Find(Testid("api-key-name")).Input("trading bot");
        page.Find(Testid("api-key-create")).Click();

        var key = page.WaitForElement(Testid("new-api-key"), MudTestContext.Patience).TextContent.Trim();
        Assert.StartsWith("mbk_", key, StringComparison.Ordinal);
        Assert.Contains("you will not see it again", page.Find(Testid("new-api-key-alert")).TextContent, StringComparison.Ordinal);
        await using (var db = await Database.Contexts.CreateDbContextAsync())
        {
            var row = await db.ApiKeys.AsNoTracking().SingleAsync();
            Assert.Equal(user.Id, row.UserId);
            Assert.Equal("trading bot", row.Name);
            Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(key)), row.Hash);
            Assert.True(key.StartsWith(row.Prefix, StringComparison.Ordinal) && row.Prefix.Length < key.Length);
        }
        Assert.DoesNotContain(key, await EveryApiKeyColumnAsTextAsync(), StringComparison.Ordinal);
        var keyId = await SingleKeyIdAsync();
        Assert.Equal("trading bot", page.Find(Testid($"api-key-name-{keyId}")).TextContent.Trim());
        Assert.Contains(key, page.Find(Testid("api-key-curl")).TextContent, StringComparison.Ordinal);

        // Shown once: the same person opening the page again sees the listing, never the key.
        var reopened = context.Render<ApiKeysPage>();
        reopened.WaitForElement(Testid($"api-key-name-{keyId}"), MudTestContext.Patience);
        Assert.Empty(reopened.FindAll(Testid("new-api-key")));
        Assert.DoesNotContain(key, reopened.Markup, StringComparison.Ordinal);

        // Revoking asks first; cancelling changes nothing.
        var cancelled = page.Find(Testid($"api-key-revoke-{keyId}")).ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Revoke this key?", dialogs.Markup, StringComparison.Ordinal), MudTestContext.Patience);
        await DialogButton(dialogs, "Cancel").ClickAsync(new());
        await cancelled;
        Assert.Null(await RevokedAtAsync(keyId));

        var confirmed = page.Find(Testid($"api-key-revoke-{keyId}")).ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Revoke this key?", dialogs.Markup, StringComparison.Ordinal), MudTestContext.Patience);
        await DialogButton(dialogs, "Revoke").ClickAsync(new());
        await confirmed;

        page.WaitForAssertion(() => Assert.Contains("revoked", page.Find(Testid($"api-key-status-{keyId}")).TextContent, StringComparison.Ordinal), MudTestContext.Patience);
        Assert.Empty(page.FindAll(Testid($"api-key-revoke-{keyId}")));
        Assert.NotNull(await RevokedAtAsync(keyId));
        Assert.Null(await context.Services.GetRequiredService<MarketBlazor.App.People.ApiKeys>().AuthenticateAsync(key));
        Assert.Empty(await context.Services.GetRequiredService<MarketBlazor.App.People.ApiKeys>().ListAsync(stranger.Id));
    }

    [Fact]
    public async Task The_page_lists_only_the_signed_in_persons_keys()
    {
        var (ann, annAccount) = await PersonAsync("ann@example.com");
        var (bob, _) = await PersonAsync("bob@example.com");
        await using var context = await MudTestContext.StartAsync(Database);
        var keys = context.Services.GetRequiredService<MarketBlazor.App.People.ApiKeys>();
        var (_, annsKey) = await keys.CreateAsync(ann.Id, "ann's key");
        var (_, bobsKey) = await keys.CreateAsync(bob.Id, "bob's key");
        context.SignInAs(annAccount, ann.Id);

        var page = context.Render<ApiKeysPage>();

        page.WaitForElement(Testid($"api-key-name-{annsKey.Id}"), MudTestContext.Patience);
        Assert.Empty(page.FindAll(Testid($"api-key-name-{bobsKey.Id}")));
        Assert.DoesNotContain("bob's key", page.Markup, StringComparison.Ordinal);
    }

    private static AngleSharp.Dom.IElement DialogButton(IRenderedComponent<MudDialogProvider> dialogs, string text) =>
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text);

    /// <summary>A person as UserAccounts makes one: a user and its own account.</summary>
    private async Task<(MarketUser User, Account Account)> PersonAsync(string email)
    {
        var account = new Account { DisplayName = email.Split('@')[0], Balance = 1_000m, Granted = 1_000m };
        var user = new MarketUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            DisplayName = account.DisplayName, CreatedAt = DateTimeOffset.UtcNow, Account = account,
        };
        await using var db = await Database.Contexts.CreateDbContextAsync();
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return (user, account);
    }

    private async Task<string> EveryApiKeyColumnAsTextAsync()
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(string_agg(k::text, '|'), '') FROM api_keys k", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<int> SingleKeyIdAsync()
    {
        await using var db = await Database.Contexts.CreateDbContextAsync();
        return await db.ApiKeys.Select(k => k.Id).SingleAsync();
    }

    private async Task<DateTimeOffset?> RevokedAtAsync(int keyId)
    {
        await using var db = await Database.Contexts.CreateDbContextAsync();
        return await db.ApiKeys.Where(k => k.Id == keyId).Select(k => k.RevokedAt).SingleAsync();
    }
}
