using System.Net.Http.Json;
using System.Text.Json;
using MarketBlazor.Tests.Infrastructure;

namespace MarketBlazor.Tests.Api;

/// <summary>Base for API tests: the app in-process over the shared, freshly reset test database.</summary>
public abstract class ApiTest(DatabaseFixture database) : DatabaseTest(database)
{
    private MarketAppFactory? factory;

    protected HttpClient Client { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        factory = new MarketAppFactory(Database.ConnectionString);
        Client = factory.CreateClient();
    }

    public override async Task DisposeAsync()
    {
        Client.Dispose();
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
