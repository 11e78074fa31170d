using System.Net.Http.Json;
using System.Text.Json;
using MarketBlazor.Tests.Infrastructure;

namespace MarketBlazor.Tests.Api;

/// <summary>
/// Base for API tests: the app in-process over the shared, freshly reset test database. The app
/// starts on first use of <see cref="Client"/>, so its market board loads the rows the test created first.
/// </summary>
public abstract class ApiTest(DatabaseFixture database) : DatabaseTest(database)
{
    private MarketAppFactory? factory;
    private HttpClient? client;

    protected HttpClient Client => client ??= (factory = new MarketAppFactory(Database.ConnectionString)).CreateClient();

    protected IServiceProvider AppServices => (factory ?? throw new InvalidOperationException("Use Client first.")).Services;

    public override async Task DisposeAsync()
    {
        client?.Dispose();
        if (factory is not null) await factory.DisposeAsync();
    }

    protected async Task<JsonElement> GetJsonAsync(string url)
    {
        var response = await Client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A fresh quote and the order body that accepts it.</summary>
    protected async Task<(JsonElement Quote, Dictionary<string, object?> Order)> QuotedOrderAsync(int marketId, int accountId, string side, string action, decimal amount, double slippage = 0.01)
    {
        var quote = await GetJsonAsync($"/api/markets/{marketId}/quote?side={side}&action={action}&amount={amount}");
        return (quote, new Dictionary<string, object?>
        {
            ["accountId"] = accountId,
            ["side"] = side,
            ["action"] = action,
            ["amount"] = amount,
            ["quotedPrice"] = quote.GetProperty("averagePrice").GetDecimal(),
            ["quotedSequence"] = quote.GetProperty("sequence").GetInt64(),
            ["slippage"] = slippage,
        });
    }
}
