using System.Net;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MarketBlazor.Tests.Operations;

/// <summary>The Prometheus scrape counts every order exactly once, by outcome, and is served to loopback callers only (admins: the access matrix).</summary>
public sealed class MetricsTests(DatabaseFixture database, ITestOutputHelper output) : DatabaseTest(database)
{
    private const string Loopback = "127.0.0.1";
    private const string ElsewhereOnTheInternet = "203.0.113.7";

    [Fact]
    public async Task After_orders_the_scrape_counts_each_exactly_once_by_outcome_with_one_latency_sample_each()
    {
        var market = await Data.MarketAsync();
        var rich = await Data.AccountAsync(1_000m);
        var poor = await Data.AccountAsync(1m);
        await using var app = new MarketAppFactory(Database.ConnectionString, RemoteAddress.AddTo);
        using var client = app.CreateClient();
        var trading = app.Services.GetRequiredService<TradeService>();
        var before = await ScrapeAsync(client);

        // 5 fills, 3 stale quotes (a buy quoted far below the price, no tolerance), 2 short of cash, 1 invalid.
        var orders = new List<OrderRequest>();
        for (var i = 0; i < 5; i++) orders.Add(Buy(rich, market, amount: 2, quotedPrice: 0.5, slippage: 0.5));
        for (var i = 0; i < 3; i++) orders.Add(Buy(rich, market, amount: 2, quotedPrice: 0.01, slippage: 0));
        for (var i = 0; i < 2; i++) orders.Add(Buy(poor, market, amount: 50, quotedPrice: 0.5, slippage: 0.5));
        orders.Add(Buy(rich, market, amount: -1, quotedPrice: 0.5, slippage: 0.5));
        var results = new List<OrderResult>();
        foreach (var order in orders) results.Add(await trading.PlaceOrderAsync(order));
        Assert.Equal(5, results.Count(r => r is OrderFilled));

        var after = await ScrapeAsync(client);
        output.WriteLine(string.Join('\n', after.Text.Split('\n').Where(l => l.StartsWith("marketblazor_", StringComparison.Ordinal))));
        var counted = Delta(after.By("marketblazor_orders_total", "outcome"), before.By("marketblazor_orders_total", "outcome"));
        Assert.Equal(new Dictionary<string, double>
        {
            ["filled"] = 5, ["stale_quote"] = 3, ["insufficient_funds"] = 2, ["invalid"] = 1,
        }, counted);
        var timed = after.Sum("marketblazor_order_duration_seconds_count") - before.Sum("marketblazor_order_duration_seconds_count");
        Assert.Equal(orders.Count, timed);
        Assert.Equal(5, after.Sum("marketblazor_order_duration_seconds_count", ("outcome", "filled")) - before.Sum("marketblazor_order_duration_seconds_count", ("outcome", "filled")));
        // Every order that reached a lane waited in it once; invalid ones never did.
        Assert.Equal(orders.Count - 1, after.Sum("marketblazor_order_queue_wait_seconds_count") - before.Sum("marketblazor_order_queue_wait_seconds_count"));
        Assert.True(after.Has("marketblazor_database_available"), "database availability gauge missing");
        Assert.True(after.Has("http_server_request_duration_seconds_count"), "ASP.NET Core instrumentation missing");
    }

    [Fact]
    public async Task The_scrape_refuses_anonymous_callers_from_elsewhere_with_a_plain_401_and_serves_loopback()
    {
        await using var app = new MarketAppFactory(Database.ConnectionString, RemoteAddress.AddTo);
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        using var remote = await client.SendAsync(RemoteAddress.From(ElsewhereOnTheInternet, "/metrics"));
        Assert.Equal(HttpStatusCode.Unauthorized, remote.StatusCode);
        var body = await remote.Content.ReadAsStringAsync();
        Assert.DoesNotContain("marketblazor_", body, StringComparison.Ordinal);
        Assert.Contains("admins", body, StringComparison.Ordinal);

        using var ipv6Loopback = await client.SendAsync(RemoteAddress.From("::1", "/metrics"));
        Assert.Equal(HttpStatusCode.OK, ipv6Loopback.StatusCode);
        using var local = await client.SendAsync(RemoteAddress.From(Loopback, "/metrics"));
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Contains("marketblazor_database_available", await local.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static OrderRequest Buy(Account account, Market market, double amount, double quotedPrice, double slippage) =>
        new(account.Id, market.Id, Side.Yes, TradeAction.Buy, amount, quotedPrice, 0, slippage);

    private static async Task<Scrape> ScrapeAsync(HttpClient client)
    {
        using var response = await client.SendAsync(RemoteAddress.From(Loopback, "/metrics"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new Scrape(await response.Content.ReadAsStringAsync());
    }

    private static Dictionary<string, double> Delta(Dictionary<string, double> after, Dictionary<string, double> before) =>
        after.Select(a => (a.Key, Value: a.Value - before.GetValueOrDefault(a.Key))).Where(d => d.Value != 0).ToDictionary(d => d.Key, d => d.Value);
}
