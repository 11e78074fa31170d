using System.Net;
using System.Text;
using MarketBlazor.Tests.Infrastructure;

namespace MarketBlazor.Tests.Api;

/// <summary>Whatever goes wrong under /api, the answer is ProblemDetails JSON with a reason, never the UI's HTML.</summary>
public class ApiErrorTests(DatabaseFixture database) : ApiTest(database)
{
    [Theory]
    [InlineData("/api/nothing-here")]
    [InlineData("/api/markets/abc")]
    [InlineData("/api/markets/abc/trades")]
    [InlineData("/api/accounts/x1")]
    public async Task Unknown_api_paths_are_404_problems(string path)
    {
        var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", (await ProblemAsync(response)).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_page_that_does_not_exist_still_gets_the_friendly_page()
    {
        var response = await Client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task An_order_body_that_is_not_declared_json_is_415(string? contentType)
    {
        var market = await Data.MarketAsync();
        var trader = await CallerAsync();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"side":"yes","action":"buy","amount":10,"quotedPrice":0.5,"quotedSequence":0,"slippage":0.05}"""));
        if (contentType is not null) content.Headers.ContentType = new(contentType);
        var before = await Data.FingerprintAsync();

        var response = await trader.Http.PostAsync($"/api/markets/{market.Id}/orders", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("unsupported_media_type", (await ProblemAsync(response)).GetProperty("reason").GetString());
        Assert.Equal(before, await Data.FingerprintAsync());
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem()
    {
        var response = await Client.DeleteAsync("/api/markets");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("method_not_allowed", (await ProblemAsync(response)).GetProperty("reason").GetString());
    }
}
