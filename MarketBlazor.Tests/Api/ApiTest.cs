using System.Net.Http.Json;
using System.Text.Json;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MarketBlazor.Tests.Api;

/// <summary>
/// Base for API tests: the app in-process over the shared, freshly reset test database. The app
/// starts on first use of <see cref="App"/> (or <see cref="Client"/>), so its market board loads the
/// rows the test created first. <see cref="Client"/> is anonymous; <see cref="CallerAsync"/> makes a
/// person with an API key.
/// </summary>
public abstract class ApiTest(DatabaseFixture database) : DatabaseTest(database)
{
    private MarketAppFactory? factory;
    private HttpClient? client;
    private readonly List<ApiCaller> callers = [];

    /// <summary>Configuration for this test class's app (e.g. rate limits).</summary>
    protected virtual IReadOnlyDictionary<string, string>? Settings => null;

    /// <summary>The app's environment: "Testing", or another one whose behaviour a test pins.</summary>
    protected virtual string Environment => "Testing";

    /// <summary>Services for this test class's app, on top of its own.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    protected MarketAppFactory App => factory ??= new MarketAppFactory(Database.ConnectionString, ConfigureServices, Settings, Environment);

    protected HttpClient Client => client ??= App.CreateClient();

    protected IServiceProvider AppServices => App.Services;

    public override async Task DisposeAsync()
    {
        foreach (var caller in callers) caller.Dispose();
        client?.Dispose();
        if (factory is not null) await factory.DisposeAsync();
    }

    /// <summary>A new person with an account holding <paramref name="balance"/> and an API key, and a client that sends the key.</summary>
    protected async Task<ApiCaller> CallerAsync(decimal balance = 1_000m)
    {
        var caller = await ApiCaller.CreateAsync(App);
        callers.Add(caller);
        if (balance != 1_000m)
        {
            // Granted moves with the balance, so the cash invariant still holds.
            await using var db = await Database.Contexts.CreateDbContextAsync();
            await db.Accounts.Where(a => a.Id == caller.AccountId)
                .ExecuteUpdateAsync(a => a.SetProperty(x => x.Balance, balance).SetProperty(x => x.Granted, balance));
        }
        return caller;
    }

    protected async Task<JsonElement> GetJsonAsync(string url, HttpClient? http = null)
    {
        var response = await (http ?? Client).GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A fresh quote and the order body that accepts it (no accountId: an order trades as the key's owner).</summary>
    protected async Task<(JsonElement Quote, Dictionary<string, object?> Order)> QuotedOrderAsync(int marketId, string side, string action, decimal amount, double slippage = 0.01)
    {
        var quote = await GetJsonAsync($"/api/markets/{marketId}/quote?side={side}&action={action}&amount={amount}");
        return (quote, new Dictionary<string, object?>
        {
            ["side"] = side,
            ["action"] = action,
            ["amount"] = amount,
            ["quotedPrice"] = quote.GetProperty("averagePrice").GetDecimal(),
            ["quotedSequence"] = quote.GetProperty("sequence").GetInt64(),
            ["slippage"] = slippage,
        });
    }

    protected static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.TryGetProperty("reason", out _), $"no reason in {problem}");
        return problem;
    }
}
