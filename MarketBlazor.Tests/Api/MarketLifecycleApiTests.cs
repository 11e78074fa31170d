using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MarketBlazor.App.People;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MarketBlazor.Tests.Api;

public class MarketLifecycleApiTests(DatabaseFixture database) : ApiTest(database)
{
    protected override IReadOnlyDictionary<string, string>? Settings => new Dictionary<string, string> { ["RateLimits:MarketCreationsPerHour"] = "3" };

    private static object NewMarket(string question = "Will the API launch this market today?", double probability = 0.4, int liquidity = 100, int closesInDays = 7) => new
    {
        question,
        description = "Resolves Yes if it does. <script>alert(1)</script> is stored as text.",
        category = "Testing",
        closesAt = DateTimeOffset.UtcNow.AddDays(closesInDays),
        initialProbability = probability,
        liquidity,
    };

    private static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_member_launches_a_market_that_lists_as_open_with_its_creator()
    {
        var creator = await CallerAsync();

        var market = await CreatedAsync(await creator.Http.PostAsJsonAsync("/api/markets", NewMarket()));

        Assert.Equal(creator.AccountId, market.GetProperty("creatorAccountId").GetInt32());
        Assert.Equal("open", market.GetProperty("status").GetString());
        Assert.Equal(0.4m, Math.Round(market.GetProperty("yesPrice").GetDecimal(), 4));
        var open = await GetJsonAsync("/api/markets?status=open");
        Assert.Contains(open.EnumerateArray(), m => m.GetProperty("id").GetInt32() == market.GetProperty("id").GetInt32());
        Assert.Empty((await GetJsonAsync("/api/markets?status=resolved")).EnumerateArray());
        await Invariants.AssertHoldAsync(Database.ConnectionString);
    }

    [Fact]
    public async Task Bad_proposals_are_refused_and_write_nothing()
    {
        // Refused attempts count towards the creation limit too, so each comes from its own person.
        var bodies = new[]
        {
            NewMarket(closesInDays: -1), NewMarket(question: new string('q', 10_240)), NewMarket(probability: 0), NewMarket(probability: 1.5),
            NewMarket(question: ""), NewMarket(liquidity: 75), new { question = "Is a body without the rest enough?" },
        };
        var responses = new List<HttpResponseMessage>();
        foreach (var body in bodies) responses.Add(await (await CallerAsync()).Http.PostAsJsonAsync("/api/markets", body));

        Assert.Equal([422, 422, 422, 422, 422, 422, 400], responses.Select(r => (int)r.StatusCode));
        foreach (var response in responses) await ProblemAsync(response);
        await using var db = await Database.Contexts.CreateDbContextAsync();
        Assert.Equal(0, await db.Markets.CountAsync());
        Assert.Equal(0, await db.CashMovements.CountAsync());
    }

    [Fact]
    public async Task Creations_are_limited_per_person()
    {
        var creator = await CallerAsync();
        for (var i = 0; i < 3; i++) await CreatedAsync(await creator.Http.PostAsJsonAsync("/api/markets", NewMarket()));

        var limited = await creator.Http.PostAsJsonAsync("/api/markets", NewMarket());

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter is not null, "a refused launch says when to retry");
        Assert.Equal("rate_limited", (await ProblemAsync(limited)).GetProperty("reason").GetString());
        await using (var db = await Database.Contexts.CreateDbContextAsync()) Assert.Equal(3, await db.Markets.CountAsync());
        // Another person has a limit of their own.
        await CreatedAsync(await (await CallerAsync()).Http.PostAsJsonAsync("/api/markets", NewMarket()));
    }

    [Fact]
    public async Task Launches_from_the_create_page_and_the_api_share_one_allowance()
    {
        var creator = await CallerAsync();
        var launches = AppServices.GetRequiredService<LaunchThrottle>();
        // What the create page takes for each launch it makes.
        for (var i = 0; i < 3; i++) Assert.True(launches.TryAcquire(creator.UserId, out _));

        var limited = await creator.Http.PostAsJsonAsync("/api/markets", NewMarket());

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
    }

    [Fact]
    public async Task The_creator_resolves_once_others_are_forbidden_and_orders_are_refused_afterwards()
    {
        var creator = await CallerAsync();
        var trader = await CallerAsync();
        var market = await CreatedAsync(await creator.Http.PostAsJsonAsync("/api/markets", NewMarket()));
        var id = market.GetProperty("id").GetInt32();
        var (_, order) = await QuotedOrderAsync(id, "yes", "buy", 20m);
        var filled = await trader.Http.PostAsJsonAsync($"/api/markets/{id}/orders", order);
        Assert.Equal(HttpStatusCode.OK, filled.StatusCode);
        var shares = (await filled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("shares").GetDecimal();

        var forbidden = await trader.Http.PostAsJsonAsync($"/api/markets/{id}/resolve", new { outcome = "no" });
        var resolved = await creator.Http.PostAsJsonAsync($"/api/markets/{id}/resolve", new { outcome = "yes" });
        var twice = await creator.Http.PostAsJsonAsync($"/api/markets/{id}/resolve", new { outcome = "no" });
        var afterwards = await trader.Http.PostAsJsonAsync($"/api/markets/{id}/orders", order);

        Assert.Equal("forbidden", (await ProblemAsync(forbidden)).GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var summary = await resolved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("yes", 1, shares), (summary.GetProperty("resolution").GetString(), summary.GetProperty("positionsPaid").GetInt32(), summary.GetProperty("totalPaid").GetDecimal()));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("already_resolved", (await ProblemAsync(twice)).GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, afterwards.StatusCode);
        Assert.Equal("market_closed", (await ProblemAsync(afterwards)).GetProperty("reason").GetString());
        var detail = await GetJsonAsync($"/api/markets/{id}");
        Assert.Equal(("resolved", "yes"), (detail.GetProperty("status").GetString(), detail.GetProperty("resolution").GetString()));
        Assert.NotEqual(JsonValueKind.Null, detail.GetProperty("resolvedAt").ValueKind);
        Assert.Single((await GetJsonAsync("/api/markets?status=resolved")).EnumerateArray());
        await Invariants.AssertHoldAsync(Database.ConnectionString);
    }

    [Fact]
    public async Task The_creator_closes_early_and_a_stranger_may_not()
    {
        var creator = await CallerAsync();
        var stranger = await CallerAsync();
        var id = (await CreatedAsync(await creator.Http.PostAsJsonAsync("/api/markets", NewMarket()))).GetProperty("id").GetInt32();

        var forbidden = await stranger.Http.PostAsync($"/api/markets/{id}/close", null);
        var closed = await creator.Http.PostAsync($"/api/markets/{id}/close", null);
        var badOutcome = await creator.Http.PostAsJsonAsync($"/api/markets/{id}/resolve", new { outcome = "maybe" });

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.BadRequest], new[] { forbidden.StatusCode, closed.StatusCode, badOutcome.StatusCode });
        Assert.Equal("closed", (await closed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Single((await GetJsonAsync("/api/markets?status=closed")).EnumerateArray());
    }
}
