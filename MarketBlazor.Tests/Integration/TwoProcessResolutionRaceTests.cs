using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MarketBlazor.App.People;
using MarketBlazor.Data.Lifecycle;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.Tests.Integration;

/// <summary>
/// The resolution race across real processes: 16 traders order through app B while an admin
/// resolves the market through app A. Only the database (row locks and xmin) stands between them.
/// </summary>
[Trait("Speed", "Slow")]
public class TwoProcessResolutionRaceTests(DatabaseFixture database) : DatabaseTest(database)
{
    private const int Traders = 16;
    private const int FillsBeforeResolving = 40;

    private static readonly Dictionary<string, string> Unthrottled = new()
    {
        ["RateLimits:OrdersPerSecond"] = "0",
        ["RateLimits:ApiReadsPerMinute"] = "0",
    };

    [Fact]
    public async Task Orders_on_one_process_racing_a_resolution_on_another_fill_before_it_or_are_refused_as_closed()
    {
        var admin = await Data.PersonAsync();
        await MakeAdminAsync(admin.UserId!);
        // Launched by the admin, who pays the subsidy and takes the remainder: the pot ends empty.
        var lifecycle = Lifecycles.Service(Database.Contexts, TradeServices.Service(Database.Contexts));
        var market = Assert.IsType<MarketCreated>(await lifecycle.CreateAsync(Lifecycles.Proposal(liquidity: 500m), admin.Id)).Market;
        var adminKey = await ApiCaller.KeyForAsync(Database.Contexts, admin.UserId!);
        var traderKeys = new List<string>();
        for (var i = 0; i < Traders; i++) traderKeys.Add(await ApiCaller.KeyForAsync(Database.Contexts, (await Data.PersonAsync(100_000m)).UserId!));
        await using var a = await AppProcess.StartAsync(Database.ConnectionString, Unthrottled);
        await using var b = await AppProcess.StartAsync(Database.ConnectionString, Unthrottled);

        var fills = 0;
        var enoughFills = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answers = new ConcurrentBag<(HttpStatusCode Status, JsonElement Body)>();
        var hammering = traderKeys.Select((key, i) => Task.Run(async () =>
        {
            var random = new Random(i);
            while (true)
            {
                // Any price is accepted: the race is with the resolution, not with each other's quotes.
                var answer = await SendAsync(b.Client, HttpMethod.Post, $"/api/markets/{market.Id}/orders", key, new
                {
                    side = random.Next(2) == 0 ? "yes" : "no", action = "buy", amount = 1 + random.Next(5),
                    quotedPrice = 0.5, quotedSequence = 0, slippage = 0.5,
                });
                answers.Add(answer);
                if (answer.Status == HttpStatusCode.OK && Interlocked.Increment(ref fills) == FillsBeforeResolving) enoughFills.TrySetResult();
                if (Reason(answer.Body) == "market_closed") return;
            }
        })).ToList();

        await enoughFills.Task.WaitAsync(TimeSpan.FromSeconds(90));
        var resolved = await SendAsync(a.Client, HttpMethod.Post, $"/api/markets/{market.Id}/resolve", adminKey, new { outcome = "yes" });
        Assert.True(resolved.Status == HttpStatusCode.OK, $"resolve answered {(int)resolved.Status}: {resolved.Body}");
        await Task.WhenAll(hammering).WaitAsync(TimeSpan.FromSeconds(90));

        var resolution = resolved.Body.GetProperty("sequence").GetInt64();
        var filled = answers.Where(x => x.Status == HttpStatusCode.OK).Select(x => x.Body.GetProperty("sequence").GetInt64()).ToList();
        Assert.All(filled, sequence => Assert.True(sequence < resolution, $"a fill at sequence {sequence} is after the resolution at {resolution}"));
        Assert.All(answers.Where(x => x.Status != HttpStatusCode.OK), x => Assert.Contains(Reason(x.Body), new[] { "market_closed", "busy" }));
        Assert.Equal(Traders, answers.Count(x => Reason(x.Body) == "market_closed"));
        await using var db = await Database.Contexts.CreateDbContextAsync();
        Assert.Equal(filled.Count, await db.Trades.CountAsync());
        Assert.Equal(resolution - 1, await db.Trades.MaxAsync(t => t.MarketSequence));
        await Invariants.AssertHoldAsync(Database.ConnectionString);
    }

    private async Task MakeAdminAsync(string userId)
    {
        await using var db = await Database.Contexts.CreateDbContextAsync();
        var role = new IdentityRole(MarketRoles.Admin) { NormalizedName = MarketRoles.Admin.ToUpperInvariant() };
        db.Roles.Add(role);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = userId, RoleId = role.Id });
        await db.SaveChangesAsync();
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient http, HttpMethod method, string path, string key, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static string? Reason(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("reason", out var reason) ? reason.GetString() : null;
}
