using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.Tests.Api;

public class OrderIdempotencyTests(DatabaseFixture database) : ApiTest(database)
{
    [Fact]
    public async Task The_same_order_id_and_body_again_answers_the_first_fill_and_trades_once()
    {
        var market = await Data.MarketAsync();
        var trader = await CallerAsync();
        var (_, order) = await QuotedOrderAsync(market.Id, "yes", "buy", 10);
        var orderId = Guid.NewGuid();
        order["orderId"] = orderId.ToString();

        var first = await trader.Http.PostAsJsonAsync($"/api/markets/{market.Id}/orders", order);
        var afterFirst = await Data.FingerprintAsync();
        // The first fill moved the price past this quote: a new order would be stale, a retry is not.
        var retry = await trader.Http.PostAsJsonAsync($"/api/markets/{market.Id}/orders", order);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var (filled, repeated) = (await first.Content.ReadFromJsonAsync<JsonElement>(), await retry.Content.ReadFromJsonAsync<JsonElement>());
        Assert.Equal(filled.GetProperty("tradeId").GetInt64(), repeated.GetProperty("tradeId").GetInt64());
        Assert.Equal(filled.GetProperty("shares").GetDecimal(), repeated.GetProperty("shares").GetDecimal());
        Assert.Equal(afterFirst, await Data.FingerprintAsync());
        await using var db = await Database.Contexts.CreateDbContextAsync();
        Assert.Equal(1, await db.Trades.CountAsync(t => t.OrderId == orderId));
    }

    [Fact]
    public async Task The_same_order_id_with_another_body_is_409_and_writes_nothing()
    {
        var market = await Data.MarketAsync();
        var trader = await CallerAsync();
        var (_, order) = await QuotedOrderAsync(market.Id, "yes", "buy", 10);
        order["orderId"] = Guid.NewGuid().ToString();
        (await trader.Http.PostAsJsonAsync($"/api/markets/{market.Id}/orders", order)).EnsureSuccessStatusCode();
        var (_, different) = await QuotedOrderAsync(market.Id, "no", "buy", 5);
        different["orderId"] = order["orderId"];
        var before = await Data.FingerprintAsync();

        var response = await trader.Http.PostAsJsonAsync($"/api/markets/{market.Id}/orders", different);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("order_id_reused", (await ProblemAsync(response)).GetProperty("reason").GetString());
        Assert.Equal(before, await Data.FingerprintAsync());
    }

    [Fact]
    public async Task Another_person_reusing_an_order_id_is_409_and_does_not_see_the_fill()
    {
        var market = await Data.MarketAsync();
        var trader = await CallerAsync();
        var copycat = await CallerAsync();
        var (_, order) = await QuotedOrderAsync(market.Id, "yes", "buy", 10);
        order["orderId"] = Guid.NewGuid().ToString();
        (await trader.Http.PostAsJsonAsync($"/api/markets/{market.Id}/orders", order)).EnsureSuccessStatusCode();
        var before = await Data.FingerprintAsync();

        var response = await copycat.Http.PostAsJsonAsync($"/api/markets/{market.Id}/orders", order);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal("order_id_reused", problem.GetProperty("reason").GetString());
        Assert.False(problem.TryGetProperty("tradeId", out _));
        Assert.Equal(before, await Data.FingerprintAsync());
    }

    [Theory]
    [InlineData("\"12345\"")]
    [InlineData("\"not-a-uuid\"")]
    [InlineData("42")]
    public async Task A_malformed_order_id_is_400_naming_it_and_writes_nothing(string orderId)
    {
        var market = await Data.MarketAsync();
        var trader = await CallerAsync();
        var before = await Data.FingerprintAsync();
        var body = $$"""{"orderId":{{orderId}},"side":"yes","action":"buy","amount":10,"quotedPrice":0.5,"quotedSequence":0,"slippage":0.05}""";

        var response = await trader.Http.PostAsync($"/api/markets/{market.Id}/orders", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("orderId", (await ProblemAsync(response)).GetProperty("detail").GetString());
        Assert.Equal(before, await Data.FingerprintAsync());
    }
}
