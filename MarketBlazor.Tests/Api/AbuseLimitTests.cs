using System.Net;
using System.Net.Http.Json;
using MarketBlazor.App.Protection;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MarketBlazor.Tests.Api;

public class AbuseLimitTests(DatabaseFixture database) : ApiTest(database)
{
    private const string SignUpPath = "/test/sign-up";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["RateLimits:OrdersPerSecond"] = "1",
        ["RateLimits:OrderBurst"] = "1",
        ["RateLimits:SignUpsPerHour"] = "2",
        ["RateLimits:ApiReadsPerMinute"] = "30",
    };

    /// <summary>The sign-up pages belong to the UI; a stand-in endpoint carries the same policy by name.</summary>
    protected override void ConfigureServices(IServiceCollection services) => services.AddTransient<IStartupFilter, SignUpStandIn>();

    [Fact]
    public async Task Orders_beyond_the_per_person_rate_are_429_with_retry_after_and_write_nothing()
    {
        var market = await Data.MarketAsync();
        var trader = await CallerAsync();

        HttpResponseMessage? refused = null;
        string? before = null;
        for (var i = 0; i < 5 && refused is null; i++)
        {
            var (_, order) = await QuotedOrderAsync(market.Id, "yes", "buy", 1, slippage: 0.5);
            before = await Data.FingerprintAsync();
            var response = await trader.Http.PostAsJsonAsync($"/api/markets/{market.Id}/orders", order);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused = response;
            else Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.NotNull(refused);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After missing");
        Assert.Equal("rate_limited", (await ProblemAsync(refused)).GetProperty("reason").GetString());
        Assert.Equal(before, await Data.FingerprintAsync());
    }

    [Fact]
    public async Task Sign_up_posts_beyond_the_hourly_limit_are_429_and_gets_pass()
    {
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync(SignUpPath, null)).StatusCode);
        for (var i = 0; i < 4; i++) Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(SignUpPath)).StatusCode);

        var refused = await Client.PostAsync(SignUpPath, null);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(1), "Retry-After should point to the next window");
        Assert.Equal("rate_limited", (await ProblemAsync(refused)).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Api_reads_beyond_the_per_minute_limit_are_429()
    {
        await Data.MarketAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 35; i++) statuses.Add((await Client.GetAsync("/api/markets")).StatusCode);

        Assert.Equal(30, statuses.Count(s => s == HttpStatusCode.OK));
        var refused = await Client.GetAsync("/api/markets");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal("rate_limited", (await ProblemAsync(refused)).GetProperty("reason").GetString());
    }

    private sealed class SignUpStandIn : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map(SignUpPath, signUp =>
            {
                signUp.UseRouting();
                signUp.UseRateLimiter();
                signUp.UseEndpoints(endpoints => endpoints.MapMethods("/", [HttpMethods.Get, HttpMethods.Post], () => "welcome")
                    .RequireRateLimiting(RateLimitPolicies.SignUps));
            });
            next(app);
        };
    }
}
