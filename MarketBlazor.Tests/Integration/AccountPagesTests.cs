using System.Net;
using System.Text.RegularExpressions;
using MarketBlazor.Data.Entities;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MarketBlazor.Tests.Integration;

/// <summary>The static account pages and endpoints over HTTP, as a browser without JavaScript uses them.</summary>
public partial class AccountPagesTests(DatabaseFixture database) : DatabaseTest(database)
{
    private MarketAppFactory? app;
    private HttpClient? client;

    private HttpClient Client => client ??= (app = new MarketAppFactory(Database.ConnectionString))
        .CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public override async Task DisposeAsync()
    {
        client?.Dispose();
        if (app is not null) await app.DisposeAsync();
    }

    [Fact]
    public async Task Every_account_form_input_has_a_label()
    {
        foreach (var page in new[] { "/Account/Login", "/Account/Register", "/Account/ForgotPassword" })
        {
            var html = await GetOkAsync(page);
            var inputs = InputIds().Matches(html).Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(inputs);
            Assert.All(inputs, id => Assert.Contains($"for=\"{id}\"", html, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Try_it_now_makes_a_guest_with_an_account_and_signs_it_in()
    {
        await Data.MarketAsync();
        var home = await GetOkAsync("/");
        Assert.Contains("data-testid=\"try-it-now\"", home, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"current-user\"", home, StringComparison.Ordinal);

        var response = await PostFormAsync("/Account/Guest", home, new() { ["returnUrl"] = "leaderboard" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/leaderboard", response.Headers.Location?.OriginalString);
        await using var db = await Database.Contexts.CreateDbContextAsync();
        var guest = await db.Users.AsNoTracking().Include(u => u.Account).SingleAsync();
        Assert.True(guest.IsGuest);
        Assert.Null(guest.Email);
        Assert.NotNull(guest.Account);
        var page = await GetOkAsync("/leaderboard");
        Assert.Contains($">{guest.DisplayName}</span>", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"current-cash\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"try-it-now\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registering_signs_in_and_signing_out_changes_the_security_stamp()
    {
        var form = await GetOkAsync("/Account/Register?returnUrl=leaderboard");
        var registered = await PostFormAsync("/Account/Register?returnUrl=leaderboard", form, new()
        {
            ["_handler"] = "register",
            ["Input.Email"] = "ann@example.com",
            ["Input.DisplayName"] = "Ann",
            ["Input.Password"] = "Correct-horse-7",
            ["Input.ConfirmPassword"] = "Correct-horse-7",
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.EndsWith("/leaderboard", registered.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var signedIn = await GetOkAsync("/leaderboard");
        Assert.Contains(">Ann</span>", signedIn, StringComparison.Ordinal);
        var stamp = await StampAsync();

        var signedOut = await PostFormAsync("/Account/Logout", signedIn, new() { ["returnUrl"] = "leaderboard" });

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.NotEqual(stamp, await StampAsync());
        var after = await GetOkAsync("/leaderboard");
        Assert.DoesNotContain(">Ann</span>", after, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"sign-in\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renaming_changes_the_user_the_account_the_board_and_the_top_bar()
    {
        await RegisterAnnAsync();
        var profile = await GetOkAsync("/Account/Manage");

        var saved = await PostFormAsync("/Account/Manage", profile, new() { ["_handler"] = "profile", ["Input.DisplayName"] = "  Annie  " });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var db = await Database.Contexts.CreateDbContextAsync();
        var user = await db.Users.AsNoTracking().Include(u => u.Account).SingleAsync();
        Assert.Equal("Annie", user.DisplayName);
        Assert.Equal("Annie", user.Account!.DisplayName);
        Assert.Equal("Annie", app!.Services.GetRequiredService<MarketBlazor.App.Live.MarketBoard>().Account(user.Account.Id)?.DisplayName);
        var after = await GetOkAsync("/Account/Manage");
        Assert.Contains(">Annie</span>", after, StringComparison.Ordinal);
        Assert.Contains("Your profile has been updated.", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_guest_that_adds_an_email_and_a_password_stops_being_a_guest_and_keeps_its_account()
    {
        var home = await GetOkAsync("/");
        await PostFormAsync("/Account/Guest", home, new() { ["returnUrl"] = "" });
        int accountId;
        await using (var db = await Database.Contexts.CreateDbContextAsync())
            accountId = (await db.Accounts.AsNoTracking().SingleAsync()).Id;
        var emailPage = await GetOkAsync("/Account/Manage/Email");
        Assert.Contains("data-testid=\"guest-notice\"", emailPage, StringComparison.Ordinal);

        var added = await PostFormAsync("/Account/Manage/Email", emailPage, new() { ["_handler"] = "change-email", ["Input.NewEmail"] = "guest@example.com" });
        Assert.EndsWith("/Account/Manage/SetPassword", added.Headers.Location?.OriginalString, StringComparison.Ordinal);
        await using (var db = await Database.Contexts.CreateDbContextAsync())
            Assert.True((await db.Users.AsNoTracking().SingleAsync()).IsGuest, "an e-mail alone is no way back in");
        var passwordPage = await GetOkAsync("/Account/Manage/SetPassword");
        await PostFormAsync("/Account/Manage/SetPassword", passwordPage, new()
        {
            ["_handler"] = "set-password", ["Input.NewPassword"] = "Correct-horse-7", ["Input.ConfirmPassword"] = "Correct-horse-7",
        });

        await using (var db = await Database.Contexts.CreateDbContextAsync())
        {
            var user = await db.Users.AsNoTracking().Include(u => u.Account).SingleAsync();
            Assert.False(user.IsGuest);
            Assert.Equal("guest@example.com", user.UserName);
            Assert.Equal(accountId, user.Account!.Id);
            Assert.Equal(1, await db.Accounts.CountAsync());
        }
        Assert.DoesNotContain("data-testid=\"guest-notice\"", await GetOkAsync("/Account/Manage"), StringComparison.Ordinal);
        await using var scope = app!.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<MarketUser>>();
        Assert.True((await signIn.CheckPasswordSignInAsync((await signIn.UserManager.FindByEmailAsync("guest@example.com"))!, "Correct-horse-7", false)).Succeeded);
    }

    [Fact]
    public async Task Every_page_and_account_endpoint_names_its_authorization_rule()
    {
        _ = Client;
        var endpoints = app!.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is not null
                || (e.RoutePattern.RawText ?? "").StartsWith("/Account", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.NotEmpty(endpoints);
        var unruled = endpoints.Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null
            && e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>() is null).Select(e => e.RoutePattern.RawText).ToList();
        Assert.Empty(unruled);
    }

    private async Task RegisterAnnAsync()
    {
        var form = await GetOkAsync("/Account/Register");
        var registered = await PostFormAsync("/Account/Register", form, new()
        {
            ["_handler"] = "register", ["Input.Email"] = "ann@example.com", ["Input.DisplayName"] = "Ann",
            ["Input.Password"] = "Correct-horse-7", ["Input.ConfirmPassword"] = "Correct-horse-7",
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
    }

    [Fact]
    public async Task A_protected_page_sends_an_anonymous_visitor_to_sign_in()
    {
        var response = await Client.GetAsync("/portfolio");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/Account/Login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    private async Task<string> GetOkAsync(string url)
    {
        var response = await Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} → {(int)response.StatusCode}: {body[..Math.Min(body.Length, 2000)]}");
        return body;
    }

    /// <summary>Posts like a browser: with the antiforgery token of the page the form came from.</summary>
    private async Task<HttpResponseMessage> PostFormAsync(string url, string page, Dictionary<string, string> fields)
    {
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, "the page has no antiforgery token");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        var response = await Client.PostAsync(url, new FormUrlEncodedContent(fields));
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK,
            $"POST {url} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    private async Task<string?> StampAsync()
    {
        await using var scope = app!.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<MarketUser>>();
        return (await users.FindByEmailAsync("ann@example.com"))?.SecurityStamp;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<input[^>]*id=\"(field-[^\"]+)\"")]
    private static partial Regex InputIds();
}
