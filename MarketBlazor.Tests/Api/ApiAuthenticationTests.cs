using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MarketBlazor.App.People;
using MarketBlazor.Data.Entities;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MarketBlazor.Tests.Api;

public class ApiAuthenticationTests(DatabaseFixture database) : ApiTest(database)
{
    private const string CookieSignInPath = "/test/cookie-sign-in";

    /// <summary>A way to get the site's sign-in cookie without the UI's pages: sign in as a user by id.</summary>
    protected override void ConfigureServices(IServiceCollection services) => services.AddTransient<IStartupFilter, CookieSignIn>();

    [Fact]
    public async Task Without_a_key_orders_and_me_are_401_problems_and_nothing_is_written()
    {
        var market = await Data.MarketAsync();
        var (_, order) = await QuotedOrderAsync(market.Id, "yes", "buy", 10);
        var before = await Data.FingerprintAsync();

        var ordered = await Client.PostAsJsonAsync($"/api/markets/{market.Id}/orders", order);
        var me = await Client.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, ordered.StatusCode);
        Assert.Equal("unauthorized", (await ProblemAsync(ordered)).GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Equal(before, await Data.FingerprintAsync());
    }

    [Fact]
    public async Task An_unknown_key_is_401_and_a_key_stops_working_when_revoked()
    {
        var market = await Data.MarketAsync();
        var trader = await CallerAsync();
        using var stranger = App.CreateClient();
        stranger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKeys.KeyPrefix + "0000000000000000000000000000000");

        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await trader.Http.GetAsync("/api/me")).StatusCode);

        Assert.True(await AppServices.GetRequiredService<ApiKeys>().RevokeAsync(trader.UserId, trader.KeyId));
        var (_, order) = await QuotedOrderAsync(market.Id, "yes", "buy", 10);
        var before = await Data.FingerprintAsync();

        var revoked = await trader.Http.PostAsJsonAsync($"/api/markets/{market.Id}/orders", order);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Contains("revoked", (await ProblemAsync(revoked)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await trader.Http.GetAsync("/api/me")).StatusCode);
        Assert.Equal(before, await Data.FingerprintAsync());
    }

    [Fact]
    public async Task Naming_another_account_is_403_and_writes_nothing()
    {
        var market = await Data.MarketAsync();
        var trader = await CallerAsync();
        var other = await CallerAsync();
        var (_, order) = await QuotedOrderAsync(market.Id, "yes", "buy", 10);
        order["accountId"] = other.AccountId;
        var before = await Data.FingerprintAsync();

        var response = await trader.Http.PostAsJsonAsync($"/api/markets/{market.Id}/orders", order);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("forbidden", (await ProblemAsync(response)).GetProperty("reason").GetString());
        Assert.Equal(before, await Data.FingerprintAsync());

        order["accountId"] = trader.AccountId;
        Assert.Equal(HttpStatusCode.OK, (await trader.Http.PostAsJsonAsync($"/api/markets/{market.Id}/orders", order)).StatusCode);
    }

    [Fact]
    public async Task The_sign_in_cookie_never_authenticates_the_api()
    {
        var market = await Data.MarketAsync();
        var trader = await CallerAsync();
        using var browser = App.CreateClient();
        (await browser.PostAsync($"{CookieSignInPath}?userId={trader.UserId}", null)).EnsureSuccessStatusCode();
        var (_, order) = await QuotedOrderAsync(market.Id, "yes", "buy", 10);
        var before = await Data.FingerprintAsync();

        var ordered = await browser.PostAsJsonAsync($"/api/markets/{market.Id}/orders", order);
        var me = await browser.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, ordered.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Equal(before, await Data.FingerprintAsync());
    }

    [Fact]
    public async Task Me_is_the_key_owner_with_balance_and_roles()
    {
        var trader = await CallerAsync(750m);

        var me = await GetJsonAsync("/api/me", trader.Http);

        Assert.Equal(trader.UserId, me.GetProperty("userId").GetString());
        Assert.Equal(trader.AccountId, me.GetProperty("accountId").GetInt32());
        Assert.False(string.IsNullOrEmpty(me.GetProperty("displayName").GetString()));
        Assert.Equal(750m, me.GetProperty("balance").GetDecimal());
        Assert.Equal(JsonValueKind.Array, me.GetProperty("roles").ValueKind);
    }

    [Fact]
    public async Task Accounts_show_the_public_fields_to_everyone_and_holdings_only_to_their_owner()
    {
        var market = await Data.MarketAsync();
        var trader = await CallerAsync();
        var other = await CallerAsync();
        var (_, order) = await QuotedOrderAsync(market.Id, "yes", "buy", 10);
        (await trader.Http.PostAsJsonAsync($"/api/markets/{market.Id}/orders", order)).EnsureSuccessStatusCode();

        var listed = (await GetJsonAsync("/api/accounts")).EnumerateArray().ToList();
        Assert.Equal(2, listed.Count);
        Assert.All(listed, account => Assert.Equal(["id", "displayName", "netWorth", "isSimulated"], account.EnumerateObject().Select(p => p.Name)));

        foreach (var viewer in new[] { Client, other.Http })
        {
            var seen = await GetJsonAsync($"/api/accounts/{trader.AccountId}", viewer);
            Assert.Equal(["id", "displayName", "netWorth", "isSimulated"], seen.EnumerateObject().Select(p => p.Name));
            Assert.True(seen.GetProperty("netWorth").GetDecimal() > 990m);
        }

        var own = await GetJsonAsync($"/api/accounts/{trader.AccountId}", trader.Http);
        Assert.Equal(990m, own.GetProperty("balance").GetDecimal());
        Assert.Single(own.GetProperty("positions").EnumerateArray());
        Assert.Single(own.GetProperty("recentTrades").EnumerateArray());

        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/api/accounts/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.GetAsync("/api/accounts?take=0")).StatusCode);
    }

    private sealed class CookieSignIn : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map(CookieSignInPath, signIn => signIn.Run(async context =>
            {
                var users = context.RequestServices.GetRequiredService<UserManager<MarketUser>>();
                var user = await users.FindByIdAsync(context.Request.Query["userId"].ToString()) ?? throw new InvalidOperationException("No such user.");
                await context.RequestServices.GetRequiredService<SignInManager<MarketUser>>().SignInAsync(user, isPersistent: true);
            }));
            next(app);
        };
    }
}
