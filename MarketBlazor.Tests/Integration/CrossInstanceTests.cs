using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MarketBlazor.App.Live;
using MarketBlazor.Data.Entities;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace MarketBlazor.Tests.Integration;

/// <summary>Two app instances (separate processes) on one database: what one fills, the other's board shows.</summary>
[Trait("Speed", "Slow")]
public class CrossInstanceTests(DatabaseFixture database, ITestOutputHelper output) : DatabaseTest(database)
{
    private readonly List<MarketAppFactory> apps = [];
    private readonly List<AppProcess> processes = [];

    private async Task<HttpClient> StartProcessAsync(string name, TimeSpan reconcileInterval)
    {
        var process = await AppProcess.StartAsync(Database.ConnectionString, new Dictionary<string, string>
        {
            ["Live:InstanceName"] = name,
            ["Live:ReconcileInterval"] = reconcileInterval.ToString("c"),
        });
        processes.Add(process);
        return process.Client;
    }

    private (HttpClient Client, IServiceProvider Services) StartInProcess(string name, TimeSpan reconcileInterval, bool crossInstance)
    {
        var app = new MarketAppFactory(Database.ConnectionString, settings: new Dictionary<string, string>
        {
            ["Live:InstanceName"] = name,
            ["Live:ReconcileInterval"] = reconcileInterval.ToString("c"),
            ["Live:CrossInstance"] = crossInstance.ToString(),
        });
        apps.Add(app);
        return (app.CreateClient(), app.Services);
    }

    public override async Task DisposeAsync()
    {
        foreach (var app in apps) await app.DisposeAsync();
        foreach (var process in processes) await process.DisposeAsync();
    }

    [Fact]
    public async Task An_order_filled_on_one_instance_shows_on_the_others_board_within_a_second()
    {
        var market = await Data.MarketAsync();
        var account = await Data.PersonAsync();
        var key = await ApiCaller.KeyForAsync(Database.Contexts, account.UserId!);
        var a = await StartProcessAsync("A", TimeSpan.FromHours(1));
        // B polls only hourly: within a second, only the NOTIFY can have told it.
        var b = await StartProcessAsync("B", TimeSpan.FromHours(1));
        await WaitForListenerAsync("B");

        var filled = await OrderAsync(a, key, market.Id, 10);
        var latency = await TimeUntilSequenceAsync(b, market.Id, filled.GetProperty("sequence").GetInt64(), TimeSpan.FromSeconds(1));

        Assert.True(latency is not null, "instance B's board did not show the fill within 1 s");
        output.WriteLine($"A's fill visible on B's board {latency.Value.TotalMilliseconds:N0} ms after A answered");
    }

    [Fact]
    public async Task After_its_listener_is_killed_an_instance_reconnects_and_catches_up_within_one_interval()
    {
        var market = await Data.MarketAsync();
        var account = await Data.PersonAsync();
        var key = await ApiCaller.KeyForAsync(Database.Contexts, account.UserId!);
        var interval = TimeSpan.FromSeconds(2);
        var a = await StartProcessAsync("A", TimeSpan.FromHours(1));
        var b = await StartProcessAsync("B", interval);
        var killed = await WaitForListenerAsync("B");

        await using (var admin = new NpgsqlConnection(Database.ConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", admin);
            kill.Parameters.AddWithValue("pid", killed);
            Assert.Equal(true, await kill.ExecuteScalarAsync());
        }
        long last = 0;
        for (var i = 0; i < 3; i++) last = (await OrderAsync(a, key, market.Id, 5)).GetProperty("sequence").GetInt64();

        var latency = await TimeUntilSequenceAsync(b, market.Id, last, interval);

        Assert.True(latency is not null, $"instance B did not catch up within one reconciliation interval ({interval.TotalSeconds} s)");
        output.WriteLine($"B caught up {latency.Value.TotalMilliseconds:N0} ms after the last order of the gap");
        Assert.NotEqual(killed, await WaitForListenerAsync("B"));
    }

    [Fact]
    public async Task A_dropped_broadcast_is_repaired_within_one_reconciliation_interval()
    {
        var market = await Data.MarketAsync();
        var account = await Data.PersonAsync();
        var key = await ApiCaller.KeyForAsync(Database.Contexts, account.UserId!);
        var interval = TimeSpan.FromSeconds(1);
        // No cross-instance notifications: only the reconciliation poll can notice the loss.
        var app = StartInProcess("solo", interval, crossInstance: false);
        await app.Client.GetAsync("/api/markets");
        var board = app.Services.GetRequiredService<MarketBoard>();
        var reconciler = app.Services.GetRequiredService<BoardReconciler>();

        app.Services.GetRequiredService<MarketBroadcaster>().DropNextChange();
        var filled = await OrderAsync(app.Client, key, market.Id, 10);
        Assert.Equal(0, board.Market(market.Id)!.Sequence);

        var latency = await TimeUntilSequenceAsync(app.Client, market.Id, filled.GetProperty("sequence").GetInt64(), interval + TimeSpan.FromMilliseconds(500));

        Assert.True(latency is not null, "the dropped change was not repaired within one interval");
        Assert.True(reconciler.Repairs >= 1);
        Assert.Equal(filled.GetProperty("balance").GetDecimal(), board.Account(account.Id)!.Balance);
        Assert.Equal(filled.GetProperty("tradeId").GetInt64(), Assert.Single(board.RecentTrades(market.Id)).Id);
    }

    [Fact]
    public async Task A_market_launched_and_resolved_on_one_instance_shows_on_the_others_board_through_notify()
    {
        var creator = await Data.PersonAsync();
        var key = await ApiCaller.KeyForAsync(Database.Contexts, creator.UserId!);
        var a = await StartProcessAsync("A", TimeSpan.FromHours(1));
        // B polls only hourly: within a second, only the NOTIFY can have told it.
        var b = await StartProcessAsync("B", TimeSpan.FromHours(1));
        await WaitForListenerAsync("B");
        // A fresh process runs its launch and resolution handlers for the first time (JIT, first queries): once, untimed,
        // so the timed second round measures the notification, not a cold start on a machine busy with other tests.
        var first = (await LaunchAsync(a, key)).GetProperty("id").GetInt32();
        var firstResolved = await SendAsync(a, key, $"/api/markets/{first}/resolve", new { outcome = "na" });
        Assert.True(await TimeUntilSequenceAsync(b, first, firstResolved.GetProperty("sequence").GetInt64(), TimeSpan.FromSeconds(30)) is not null,
            "B's board never showed the first market's resolution");

        var id = (await LaunchAsync(a, key)).GetProperty("id").GetInt32();
        Assert.True(await TimeUntilSequenceAsync(b, id, 0, TimeSpan.FromSeconds(1)) is not null, "B's board did not show the new market within 1 s");
        var resolved = await SendAsync(a, key, $"/api/markets/{id}/resolve", new { outcome = "na" });
        var latency = await TimeUntilSequenceAsync(b, id, resolved.GetProperty("sequence").GetInt64(), TimeSpan.FromSeconds(1));

        Assert.True(latency is not null, "instance B's board did not show the resolution within 1 s");
        Assert.Equal("resolved", (await b.GetFromJsonAsync<JsonElement>($"/api/markets/{id}")).GetProperty("status").GetString());
        output.WriteLine($"A's resolution visible on B's board {latency.Value.TotalMilliseconds:N0} ms after A answered");
    }

    [Fact]
    public async Task A_dropped_resolution_is_repaired_with_its_payouts_within_one_reconciliation_interval()
    {
        var creator = await Data.PersonAsync();
        var key = await ApiCaller.KeyForAsync(Database.Contexts, creator.UserId!);
        var interval = TimeSpan.FromSeconds(1);
        var app = StartInProcess("solo", interval, crossInstance: false);
        await app.Client.GetAsync("/api/markets");
        var board = app.Services.GetRequiredService<MarketBoard>();
        var reconciler = app.Services.GetRequiredService<BoardReconciler>();
        var id = (await LaunchAsync(app.Client, key)).GetProperty("id").GetInt32();

        app.Services.GetRequiredService<MarketBroadcaster>().DropNextChange();
        await SendAsync(app.Client, key, $"/api/markets/{id}/resolve", new { outcome = "na" });
        Assert.Equal(0, board.Market(id)!.Sequence);

        var latency = await TimeUntilSequenceAsync(app.Client, id, 1, interval + TimeSpan.FromMilliseconds(500));

        Assert.True(latency is not null, "the dropped resolution was not repaired within one interval");
        Assert.True(reconciler.Repairs >= 1);
        Assert.Equal(MarketStatus.Resolved, board.Market(id)!.Status);
        // The na refund of the subsidy reached the board's balance too.
        Assert.Equal(creator.Balance, board.Account(creator.Id)!.Balance);
    }

    private static Task<JsonElement> LaunchAsync(HttpClient client, string key) => SendAsync(client, key, "/api/markets", new
    {
        question = "Will the other instance see this market?",
        category = "Testing",
        closesAt = DateTimeOffset.UtcNow.AddDays(7),
        initialProbability = 0.5,
        liquidity = 50,
    });

    private static async Task<JsonElement> SendAsync(HttpClient client, string key, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> OrderAsync(HttpClient client, string key, int marketId, decimal amount)
    {
        using var response = await ApiCaller.BuyYesAtQuoteAsync(client, key, marketId, amount);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Polls an instance's board through its API until the market reaches a sequence; null if the deadline passes.</summary>
    private static async Task<TimeSpan?> TimeUntilSequenceAsync(HttpClient client, int marketId, long sequence, TimeSpan deadline)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < deadline)
        {
            // A market launched elsewhere is not found until the board hears of it.
            using var response = await client.GetAsync($"/api/markets/{marketId}");
            if (response.IsSuccessStatusCode &&
                (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sequence").GetInt64() >= sequence)
                return TimeProvider.System.GetElapsedTime(started);
            await Task.Delay(20);
        }
        return null;
    }

    /// <summary>The backend pid of an instance's LISTEN connection, once it exists.</summary>
    private async Task<int> WaitForListenerAsync(string instance)
    {
        await using var admin = new NpgsqlConnection(Database.ConnectionString);
        await admin.OpenAsync();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            await using var find = new NpgsqlCommand(
                "SELECT pid FROM pg_stat_activity WHERE application_name = @name AND query ILIKE 'LISTEN%'", admin);
            find.Parameters.AddWithValue("name", PostgresListener.ApplicationName(instance));
            if (await find.ExecuteScalarAsync() is int pid) return pid;
            Assert.True(DateTime.UtcNow < deadline, $"instance {instance} has no listener connection");
            await Task.Delay(20);
        }
    }
}
