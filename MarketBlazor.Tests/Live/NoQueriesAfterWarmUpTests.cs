using System.Net.Http.Json;
using System.Text.Json;
using MarketBlazor.App.Live;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace MarketBlazor.Tests.Live;

/// <summary>
/// Issue 3: page views are served from the market board, so once the app is warm, rendering the
/// board and a market page sends nothing to PostgreSQL. A prerendered GET of an interactive page
/// runs the components' initialisation, which is exactly the render path measured here.
/// </summary>
public sealed class NoQueriesAfterWarmUpTests(DatabaseFixture database) : DatabaseTest(database)
{
    [Fact]
    public async Task Rendering_the_board_and_a_market_page_sends_no_query_once_warm_even_after_trades()
    {
        var markets = new[] { await Data.MarketAsync(), await Data.MarketAsync(liquidity: 60m), await Data.MarketAsync(liquidity: 250m) };
        var alice = await Data.AccountAsync();
        var bob = await Data.AccountAsync();
        // History committed before start-up: the board loads it once.
        var seeding = TradeServices.Service(Database.Contexts);
        foreach (var market in markets)
        {
            await BuyAsync(seeding, alice.Id, market.Id, Side.Yes, 20);
            await BuyAsync(seeding, bob.Id, market.Id, Side.No, 12);
        }

        var queries = new QueryCounter();
        // What is measured is rendering. The periodic reconciliation poll, the closer's poll and the
        // cross-instance listener query on their own schedule (that is their job), so they are turned off here.
        await using var factory = new MarketAppFactory(Database.ConnectionString,
            services => services.AddSingleton<IInterceptor>(queries),
            new Dictionary<string, string> { ["Live:ReconcileInterval"] = "01:00:00", ["Live:CrossInstance"] = "false", ["Lifecycle:CloseInterval"] = "01:00:00" });
        using var client = factory.CreateClient();
        var target = markets[1];
        string[] pages = ["/", $"/markets/{target.Slug}"];

        foreach (var page in pages) await GetAsync(client, page, target.Question);
        queries.Reset();
        for (var round = 0; round < 5; round++)
            foreach (var page in pages) await GetAsync(client, page, target.Question);
        Assert.True(queries.Count == 0, $"Rendering {string.Join(" and ", pages)} after warm-up queried the database: {queries.Describe()}");

        // A trade through the app's own trade service updates the board in memory: the next views
        // show the new price, still without a query (a cache that re-reads on change would fail here).
        var trading = factory.Services.GetRequiredService<TradeService>();
        var filled = await BuyAsync(trading, alice.Id, target.Id, Side.Yes, 80);
        var board = factory.Services.GetRequiredService<MarketBoard>();
        await board.ReachesAsync(target.Id, filled.Market.Sequence);
        Assert.Equal(filled.Market.Sequence, board.Market(target.Id)!.Sequence);
        queries.Reset();
        var newPrice = filled.Market.YesPrice.ToString("P1", System.Globalization.CultureInfo.InvariantCulture).Replace(" ", "");
        for (var round = 0; round < 3; round++)
            foreach (var page in pages) await GetAsync(client, page, target.Question);
        var html = await (await client.GetAsync($"/markets/{target.Slug}")).Content.ReadAsStringAsync();
        Assert.True(queries.Count == 0, $"Rendering after a trade queried the database: {queries.Describe()}");
        Assert.True(html.Replace(" ", "").Replace("&#xA0;", "").Contains(newPrice, StringComparison.Ordinal),
            $"The market page does not show the new Yes price {newPrice} after the trade.");
    }

    [Fact]
    public async Task A_quote_over_the_api_answers_from_the_board_without_a_query_and_prices_the_committed_state()
    {
        var market = await Data.MarketAsync(liquidity: 100m);
        var alice = await Data.AccountAsync();
        var queries = new QueryCounter();
        await using var factory = new MarketAppFactory(Database.ConnectionString,
            services => services.AddSingleton<IInterceptor>(queries),
            new Dictionary<string, string> { ["Live:ReconcileInterval"] = "01:00:00", ["Live:CrossInstance"] = "false", ["Lifecycle:CloseInterval"] = "01:00:00" });
        using var client = factory.CreateClient();
        var trading = factory.Services.GetRequiredService<TradeService>();
        var filled = await BuyAsync(trading, alice.Id, market.Id, Side.Yes, 25);
        await factory.Services.GetRequiredService<MarketBoard>().ReachesAsync(market.Id, filled.Market.Sequence);
        var expected = (await trading.QuoteAsync(market.Id, Side.No, TradeAction.Buy, 10)).Quote!;

        queries.Reset();
        using var response = await client.GetAsync($"/api/markets/{market.Id}/quote?side=no&action=buy&amount=10");

        Assert.True(response.IsSuccessStatusCode, $"GET quote → {(int)response.StatusCode}");
        Assert.True(queries.Count == 0, $"Quoting over the API queried the database: {queries.Describe()}");
        var quote = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(filled.Market.Sequence, quote.GetProperty("sequence").GetInt64());
        Assert.Equal(expected.Shares, quote.GetProperty("shares").GetDecimal());
        Assert.Equal(expected.PriceAfter, quote.GetProperty("priceAfter").GetDecimal());
    }

    private static async Task GetAsync(HttpClient client, string path, string mustContain)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} → {(int)response.StatusCode}");
        // Proof that the page really rendered the market (and not an empty or loading state).
        Assert.True(body.Contains(System.Net.WebUtility.HtmlEncode(mustContain), StringComparison.Ordinal) || body.Contains(mustContain, StringComparison.Ordinal),
            $"GET {path} did not render '{mustContain}'.");
    }

    private static async Task<OrderFilled> BuyAsync(TradeService trading, int accountId, int marketId, Side side, decimal amount)
    {
        var quote = (await trading.QuoteAsync(marketId, side, TradeAction.Buy, (double)amount)).Quote!;
        var result = await trading.PlaceOrderAsync(new OrderRequest(accountId, marketId, side, TradeAction.Buy, (double)amount,
            (double)quote.AveragePrice, quote.Sequence, 0.01));
        return Assert.IsType<OrderFilled>(result);
    }
}
