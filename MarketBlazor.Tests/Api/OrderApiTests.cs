using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MarketBlazor.Data.Entities;
using MarketBlazor.Tests.Infrastructure;

namespace MarketBlazor.Tests.Api;

public class OrderApiTests(DatabaseFixture database) : ApiTest(database)
{
    [Fact]
    public async Task An_accepted_quote_fills_and_answers_with_the_trade_and_balance()
    {
        var market = await Data.MarketAsync();
        var trader = await CallerAsync(1_000m);
        var (quote, order) = await QuotedOrderAsync(market.Id, "yes", "buy", 10);

        var response = await trader.Http.PostAsJsonAsync($"/api/markets/{market.Id}/orders", order);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var filled = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(filled.GetProperty("tradeId").GetInt64() > 0);
        Assert.Equal(quote.GetProperty("shares").GetDecimal(), filled.GetProperty("shares").GetDecimal());
        Assert.Equal(10m, filled.GetProperty("amount").GetDecimal());
        Assert.Equal(quote.GetProperty("averagePrice").GetDecimal(), filled.GetProperty("averagePrice").GetDecimal());
        Assert.Equal(quote.GetProperty("priceAfter").GetDecimal(), filled.GetProperty("priceAfter").GetDecimal());
        Assert.Equal(1, filled.GetProperty("sequence").GetInt64());
        Assert.Equal(990m, filled.GetProperty("balance").GetDecimal());

        var holder = await GetJsonAsync($"/api/accounts/{trader.AccountId}", trader.Http);
        Assert.Equal(990m, holder.GetProperty("balance").GetDecimal());
        var position = Assert.Single(holder.GetProperty("positions").EnumerateArray());
        Assert.Equal(quote.GetProperty("shares").GetDecimal(), position.GetProperty("yesShares").GetDecimal());
    }

    [Fact]
    public async Task A_stale_quote_is_409_with_the_fresh_quote_and_writes_nothing()
    {
        var market = await Data.MarketAsync();
        var whale = await CallerAsync(50_000m);
        var trader = await CallerAsync();
        var (_, stale) = await QuotedOrderAsync(market.Id, "yes", "buy", 10);
        var (_, big) = await QuotedOrderAsync(market.Id, "yes", "buy", 300);
        (await whale.Http.PostAsJsonAsync($"/api/markets/{market.Id}/orders", big)).EnsureSuccessStatusCode();
        var before = await Data.FingerprintAsync();

        var response = await trader.Http.PostAsJsonAsync($"/api/markets/{market.Id}/orders", stale);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("stale_quote", problem.GetProperty("reason").GetString());
        var fresh = problem.GetProperty("quote");
        Assert.Equal(1, fresh.GetProperty("sequence").GetInt64());
        Assert.True(fresh.GetProperty("averagePrice").GetDecimal() > (decimal)stale["quotedPrice"]! + 0.01m);
        Assert.Equal(before, await Data.FingerprintAsync());
    }

    public static TheoryData<string, string, HttpStatusCode, string> BadBodies => new()
    {
        { "NaN amount", """{"accountId":{account},"side":"yes","action":"buy","amount":"NaN","quotedPrice":0.5,"quotedSequence":0,"slippage":0.01}""", HttpStatusCode.UnprocessableEntity, "finite" },
        { "Infinity amount", """{"accountId":{account},"side":"yes","action":"buy","amount":"Infinity","quotedPrice":0.5,"quotedSequence":0,"slippage":0.01}""", HttpStatusCode.UnprocessableEntity, "finite" },
        { "bare NaN token", """{"accountId":{account},"side":"yes","action":"buy","amount":NaN,"quotedPrice":0.5,"quotedSequence":0,"slippage":0.01}""", HttpStatusCode.BadRequest, "not a valid order" },
        { "negative amount", """{"accountId":{account},"side":"yes","action":"buy","amount":-5,"quotedPrice":0.5,"quotedSequence":0,"slippage":0.01}""", HttpStatusCode.UnprocessableEntity, "greater than zero" },
        { "zero amount", """{"accountId":{account},"side":"yes","action":"buy","amount":0,"quotedPrice":0.5,"quotedSequence":0,"slippage":0.01}""", HttpStatusCode.UnprocessableEntity, "greater than zero" },
        { "huge amount", """{"accountId":{account},"side":"yes","action":"buy","amount":1e30,"quotedPrice":0.5,"quotedSequence":0,"slippage":0.01}""", HttpStatusCode.UnprocessableEntity, "at most" },
        { "negative slippage", """{"accountId":{account},"side":"yes","action":"buy","amount":10,"quotedPrice":0.5,"quotedSequence":0,"slippage":-1}""", HttpStatusCode.UnprocessableEntity, "slippage" },
        { "slippage 2", """{"accountId":{account},"side":"yes","action":"buy","amount":10,"quotedPrice":0.5,"quotedSequence":0,"slippage":2}""", HttpStatusCode.UnprocessableEntity, "slippage" },
        { "missing amount", """{"accountId":{account},"side":"yes","action":"buy","quotedPrice":0.5,"quotedSequence":0,"slippage":0.01}""", HttpStatusCode.BadRequest, "missing required field(s): amount." },
        { "missing everything", "{}", HttpStatusCode.BadRequest, "missing required field(s): side, action, amount, quotedPrice, quotedSequence, slippage." },
        { "mistyped amount", """{"accountId":{account},"side":"yes","action":"buy","amount":"ten","quotedPrice":0.5,"quotedSequence":0,"slippage":0.01}""", HttpStatusCode.BadRequest, "at amount" },
        { "mistyped account", """{"accountId":"me","side":"yes","action":"buy","amount":10,"quotedPrice":0.5,"quotedSequence":0,"slippage":0.01}""", HttpStatusCode.BadRequest, "at accountId" },
        { "unknown side", """{"accountId":{account},"side":"maybe","action":"buy","amount":10,"quotedPrice":0.5,"quotedSequence":0,"slippage":0.01}""", HttpStatusCode.BadRequest, "side" },
        { "numeric side", """{"accountId":{account},"side":"1","action":"buy","amount":10,"quotedPrice":0.5,"quotedSequence":0,"slippage":0.01}""", HttpStatusCode.BadRequest, "side" },
        { "someone else's account", """{"accountId":999999,"side":"yes","action":"buy","amount":10,"quotedPrice":0.5,"quotedSequence":0,"slippage":0.01}""", HttpStatusCode.Forbidden, "Account 999999" },
        { "malformed order id", """{"orderId":"not-a-uuid","side":"yes","action":"buy","amount":10,"quotedPrice":0.5,"quotedSequence":0,"slippage":0.01}""", HttpStatusCode.BadRequest, "at orderId" },
        { "selling shares not held", """{"accountId":{account},"side":"yes","action":"sell","amount":5,"quotedPrice":0.49,"quotedSequence":0,"slippage":0.05}""", HttpStatusCode.UnprocessableEntity, "insufficient shares" },
        { "spending more than the balance", """{"accountId":{account},"side":"yes","action":"buy","amount":5000,"quotedPrice":0.99,"quotedSequence":0,"slippage":0.5}""", HttpStatusCode.UnprocessableEntity, "insufficient funds" },
        { "malformed JSON", """{"accountId":{account},"side":""", HttpStatusCode.BadRequest, "not a valid order" },
        { "not an object", "[1,2,3]", HttpStatusCode.BadRequest, "not a valid order" },
        { "null body", "null", HttpStatusCode.BadRequest, "JSON object" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_orders_get_a_readable_4xx_and_change_nothing(string name, string body, HttpStatusCode status, string mentions)
    {
        var market = await Data.MarketAsync();
        var trader = await CallerAsync(1_000m);
        var before = await Data.FingerprintAsync();

        var response = await PostRawAsync(trader.Http, market.Id, body.Replace("{account}", trader.AccountId.ToString()));

        Assert.True(status == response.StatusCode, $"{name}: expected {status}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var problem = await ProblemAsync(response);
        Assert.Contains(mentions, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await Data.FingerprintAsync());
    }

    [Fact]
    public async Task Unknown_and_closed_markets_are_refused_and_change_nothing()
    {
        var closed = await Data.MarketAsync(status: MarketStatus.Closed);
        var trader = await CallerAsync();
        var body = $$"""{"accountId":{{trader.AccountId}},"side":"yes","action":"buy","amount":10,"quotedPrice":0.5,"quotedSequence":0,"slippage":0.01}""";
        var before = await Data.FingerprintAsync();

        var unknown = await PostRawAsync(trader.Http, 424242, body);
        var shut = await PostRawAsync(trader.Http, closed.Id, body);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, shut.StatusCode);
        Assert.Equal("market_closed", (await shut.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        Assert.Equal(before, await Data.FingerprintAsync());
    }

    [Fact]
    public async Task A_one_megabyte_body_is_413_and_changes_nothing()
    {
        var market = await Data.MarketAsync();
        var trader = await CallerAsync();
        var before = await Data.FingerprintAsync();
        var padding = new string('x', 1024 * 1024);
        var body = $$"""{"side":"yes","action":"buy","amount":10,"quotedPrice":0.5,"quotedSequence":0,"slippage":0.01,"note":"{{padding}}"}""";

        var response = await PostRawAsync(trader.Http, market.Id, body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("at most", (await ProblemAsync(response)).GetProperty("detail").GetString());
        Assert.Equal(before, await Data.FingerprintAsync());
    }

    private static Task<HttpResponseMessage> PostRawAsync(HttpClient http, int marketId, string body) =>
        http.PostAsync($"/api/markets/{marketId}/orders", new StringContent(body, Encoding.UTF8, "application/json"));
}
