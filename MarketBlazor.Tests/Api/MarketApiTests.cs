using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MarketBlazor.Data.Entities;
using MarketBlazor.Tests.Infrastructure;

namespace MarketBlazor.Tests.Api;

public class MarketApiTests(DatabaseFixture database) : ApiTest(database)
{
    [Fact]
    public async Task Markets_are_listed_in_camel_case_with_prices()
    {
        var market = await Data.MarketAsync();

        var listed = Assert.Single((await GetJsonAsync("/api/markets")).EnumerateArray());

        Assert.Equal(market.Id, listed.GetProperty("id").GetInt32());
        Assert.Equal(market.Slug, listed.GetProperty("slug").GetString());
        Assert.Equal("open", listed.GetProperty("status").GetString());
        Assert.Equal(0.5m, listed.GetProperty("yesPrice").GetDecimal());
        Assert.Equal(0.5m, listed.GetProperty("noPrice").GetDecimal());
        foreach (var field in new[] { "question", "category", "closesAt", "volume", "sequence" })
            Assert.True(listed.TryGetProperty(field, out _), $"missing {field}");
    }

    [Fact]
    public async Task One_market_has_its_liquidity_and_shares_and_an_unknown_one_is_404()
    {
        var market = await Data.MarketAsync(liquidity: 250m);

        var detail = await GetJsonAsync($"/api/markets/{market.Id}");
        Assert.Equal(250m, detail.GetProperty("liquidity").GetDecimal());
        Assert.Equal(0m, detail.GetProperty("yesShares").GetDecimal());
        Assert.Equal(0m, detail.GetProperty("noShares").GetDecimal());

        var missing = await Client.GetAsync("/api/markets/987654");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var problem = await missing.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("not_found", problem.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_quote_matches_the_worked_example()
    {
        var market = await Data.MarketAsync(liquidity: 100m);

        var quote = await GetJsonAsync($"/api/markets/{market.Id}/quote?side=yes&action=buy&amount=10");

        Assert.Equal("yes", quote.GetProperty("side").GetString());
        Assert.Equal("buy", quote.GetProperty("action").GetString());
        Assert.Equal(10m, quote.GetProperty("amount").GetDecimal());
        Assert.Equal(19.09m, Math.Round(quote.GetProperty("shares").GetDecimal(), 2));
        Assert.Equal(0.5476m, Math.Round(quote.GetProperty("priceAfter").GetDecimal(), 4));
        Assert.Equal(0, quote.GetProperty("sequence").GetInt64());
    }

    [Theory]
    [InlineData("side=maybe&action=buy&amount=10", HttpStatusCode.BadRequest, "side")]
    [InlineData("side=yes&action=hold&amount=10", HttpStatusCode.BadRequest, "action")]
    [InlineData("side=yes&action=buy&amount=ten", HttpStatusCode.BadRequest, "amount")]
    [InlineData("side=yes&action=buy", HttpStatusCode.BadRequest, "amount")]
    [InlineData("side=yes&action=buy&amount=NaN", HttpStatusCode.UnprocessableEntity, "finite")]
    [InlineData("side=yes&action=buy&amount=-1", HttpStatusCode.UnprocessableEntity, "greater than zero")]
    [InlineData("side=yes&action=buy&amount=1e30", HttpStatusCode.UnprocessableEntity, "at most")]
    public async Task Bad_quote_requests_say_what_is_wrong(string query, HttpStatusCode status, string mentions)
    {
        var market = await Data.MarketAsync();

        var response = await Client.GetAsync($"/api/markets/{market.Id}/quote?{query}");

        Assert.Equal(status, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(mentions, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_closed_market_is_not_quoted()
    {
        var market = await Data.MarketAsync(status: MarketStatus.Closed);

        var response = await Client.GetAsync($"/api/markets/{market.Id}/quote?side=yes&action=buy&amount=10");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("market_closed", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Trades_after_a_sequence_are_exactly_the_missing_ones_in_order()
    {
        var market = await Data.MarketAsync();
        var trader = await CallerAsync();
        for (var i = 0; i < 6; i++)
        {
            var (_, order) = await QuotedOrderAsync(market.Id, i % 2 == 0 ? "yes" : "no", "buy", 5);
            (await trader.Http.PostAsJsonAsync($"/api/markets/{market.Id}/orders", order)).EnsureSuccessStatusCode();
        }

        foreach (var (after, expected) in new[] { (0, new long[] { 1, 2, 3, 4, 5, 6 }), (3, [4, 5, 6]), (6, []) })
        {
            var trades = (await GetJsonAsync($"/api/markets/{market.Id}/trades?after={after}")).EnumerateArray().ToList();
            Assert.Equal(expected, trades.Select(t => t.GetProperty("sequence").GetInt64()));
            Assert.All(trades, t => Assert.Equal(trader.AccountId, t.GetProperty("accountId").GetInt32()));
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.GetAsync($"/api/markets/{market.Id}/trades?after=-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/api/markets/999999/trades?after=0")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_trading_endpoints()
    {
        var document = await GetJsonAsync("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/markets/{id}/orders", out _));
        Assert.True(paths.TryGetProperty("/api/markets/{id}/quote", out _));
        Assert.True(paths.TryGetProperty("/api/accounts/{id}", out _));
    }
}
