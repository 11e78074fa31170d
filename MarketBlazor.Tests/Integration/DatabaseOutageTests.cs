using System.Collections.Concurrent;
using System.Net;
using MarketBlazor.App.Live;
using MarketBlazor.Data;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.LocalPostgres;
using MarketBlazor.Data.Trading;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MarketBlazor.Tests.Integration;

/// <summary>
/// PostgreSQL dies under load and comes back: the app, never restarted, answers every order
/// within its timeout, leaves no half-written order, keeps serving its board, and trades again.
/// Uses a cluster of its own, since it is stopped in the middle of the test.
/// </summary>
[Trait("Speed", "Slow")]
public class DatabaseOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan OrderTimeout = TimeSpan.FromSeconds(8);
    private readonly LocalCluster cluster = new(new LocalClusterOptions(
        Path.Combine(Path.GetTempPath(), $"marketblazor-outage-{Guid.NewGuid():N}"), FreePort.Next(), "-c fsync=off"));
    private string connectionString = "";

    public async Task InitializeAsync()
    {
        connectionString = await cluster.EnsureStartedAsync("outage");
        await TestCluster.MigrateAsync(connectionString);
    }

    public async Task DisposeAsync() => await cluster.StopAsync(deleteData: true);

    [Fact]
    public async Task Orders_during_an_outage_fail_fast_and_cleanly_and_trading_resumes_without_a_restart()
    {
        var contexts = MarketDbOptions.PooledFactory(connectionString);
        var data = new TestData(contexts);
        var markets = new List<Market>();
        for (var i = 0; i < 4; i++) markets.Add(await data.MarketAsync());
        var accounts = new List<Account>();
        for (var i = 0; i < 8; i++) accounts.Add(await data.AccountAsync(100_000m));

        await using var app = new MarketAppFactory(connectionString, settings: new Dictionary<string, string>
        {
            ["Trading:OrderTimeout"] = OrderTimeout.ToString("c"),
            ["Live:ReconcileInterval"] = "00:00:00.500",
        });
        var client = app.CreateClient();
        var trading = app.Services.GetRequiredService<TradeService>();
        var health = app.Services.GetRequiredService<DatabaseHealth>();
        var outcomes = new ConcurrentBag<(Guid OrderId, OrderResult Result, TimeSpan Took)>();

        using var stopTrading = new CancellationTokenSource();
        var traders = accounts.Select((account, n) => Task.Run(async () =>
        {
            var random = new Random(n);
            while (!stopTrading.IsCancellationRequested)
            {
                var market = markets[random.Next(markets.Count)];
                var order = new OrderRequest(account.Id, market.Id, Side.Yes, TradeAction.Buy, 2, 0.5, 0, 0.5, Guid.NewGuid());
                var started = TimeProvider.System.GetTimestamp();
                var result = await trading.PlaceOrderAsync(order);
                outcomes.Add((order.OrderId, result, TimeProvider.System.GetElapsedTime(started)));
                if (result is OrderRejected) await Task.Delay(20);
            }
        })).ToList();

        await WaitUntilAsync(() => outcomes.Count(o => o.Result is OrderFilled) >= 50, "trading before the outage");
        await cluster.StopAsync(deleteData: false);
        await WaitUntilAsync(() => outcomes.Any(o => o.Result is OrderRejected { Reason: RejectReason.Unavailable }), "an order refused while down");
        await WaitUntilAsync(() => !health.IsReachable, "the app noticing the database is gone");
        var boardWhileDown = await client.GetAsync("/api/markets");
        await cluster.EnsureStartedAsync("outage");
        var filledBefore = outcomes.Count(o => o.Result is OrderFilled);
        await WaitUntilAsync(() => outcomes.Count(o => o.Result is OrderFilled) >= filledBefore + 50, "trading after the restart");
        await stopTrading.CancelAsync();
        await Task.WhenAll(traders);

        output.WriteLine(string.Join(", ", outcomes.GroupBy(o => o.Result is OrderRejected r ? r.Reason.ToString() : "Filled")
            .Select(g => $"{g.Key}: {g.Count()} (max {g.Max(o => o.Took.TotalMilliseconds):N0} ms)")));
        Assert.Equal(HttpStatusCode.OK, boardWhileDown.StatusCode);
        await WaitUntilAsync(() => health.IsReachable, "health recovering");
        Assert.All(outcomes, o => Assert.True(o.Took < OrderTimeout + TimeSpan.FromSeconds(1), $"an order took {o.Took.TotalSeconds:N1} s"));
        Assert.DoesNotContain(outcomes, o => o.Result is OrderRejected { Reason: RejectReason.Unconfirmed or RejectReason.Busy or RejectReason.Invalid });

        await using var db = await contexts.CreateDbContextAsync();
        var written = await db.Trades.GroupBy(t => t.OrderId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        foreach (var (orderId, result, _) in outcomes)
        {
            if (result is OrderFilled) Assert.Equal(1, written.GetValueOrDefault(orderId));
            else Assert.False(written.ContainsKey(orderId), $"refused order {orderId} ({((OrderRejected)result).Reason}) left a trade behind");
        }
        Assert.Equal(outcomes.Count(o => o.Result is OrderFilled), written.Count);
        await Invariants.AssertHoldAsync(connectionString);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(25);
        }
    }
}
