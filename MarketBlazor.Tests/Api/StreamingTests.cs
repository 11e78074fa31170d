using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MarketBlazor.App.Live;
using MarketBlazor.Data.Lifecycle;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MarketBlazor.Tests.Api;

/// <summary>
/// The Server-Sent Event streams against the real app and database: trades arrive as they fill, a market's
/// stream resumes exactly from Last-Event-ID (from the board, or from the database beyond what the board
/// keeps), the all-markets stream resyncs, and a client that never reads holds up nobody.
/// </summary>
public class StreamingTests(DatabaseFixture database) : ApiTest(database)
{
    private const int StreamsPerAddress = 3;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["RateLimits:OrdersPerSecond"] = "0",
        ["RateLimits:ApiReadsPerMinute"] = "0",
        ["RateLimits:StreamsPerAddress"] = StreamsPerAddress.ToString(CultureInfo.InvariantCulture),
        // Small, so that a client that stops reading falls behind after a few hundred trades rather than thousands;
        // not so small that a client that does read, sharing two busy cores with the traders, falls behind too.
        ["Streaming:QueueCapacity"] = "48",
        ["Streaming:HeartbeatInterval"] = "00:00:01",
        // One instance: its own NOTIFY of a change the repair test drops would otherwise refresh the market before
        // the next trade reveals the gap, and which of the two fills it in would depend on timing.
        ["Live:CrossInstance"] = "false",
    };

    [Fact]
    public async Task A_market_stream_delivers_trades_as_they_fill_with_the_market_sequence_as_id()
    {
        var market = await Data.MarketAsync();
        var other = await Data.MarketAsync();
        var trader = await CallerAsync();
        await BuyAsync(trader, market.Id);
        await BuyAsync(trader, market.Id);

        await using var stream = await EventStream.OpenAsync(Client, $"/api/markets/{market.Id}/stream");
        var ready = await stream.NextAsync();
        Assert.Equal(("ready", "2"), (ready.EventType, ready.EventId));
        Assert.Equal(2, EventStream.Data(ready).GetProperty("sequence").GetInt64());

        for (var i = 0; i < 5; i++)
        {
            var sequence = await BuyAsync(trader, market.Id, i % 2 == 0 ? "yes" : "no");
            await BuyAsync(trader, other.Id);
            var trade = await stream.NextAsync();
            Assert.Equal("trade", trade.EventType);
            Assert.Equal(sequence.ToString(CultureInfo.InvariantCulture), trade.EventId);
            var data = EventStream.Data(trade);
            Assert.Equal(market.Id, data.GetProperty("marketId").GetInt32());
            Assert.Equal(sequence, data.GetProperty("sequence").GetInt64());
            Assert.Equal(i % 2 == 0 ? "yes" : "no", data.GetProperty("side").GetString());
            Assert.Equal("buy", data.GetProperty("action").GetString());
            Assert.Equal(1m, data.GetProperty("amount").GetDecimal());
            foreach (var field in new[] { "tradeId", "shares", "priceBefore", "priceAfter", "yesPrice", "executedAt" })
                Assert.True(data.TryGetProperty(field, out _), $"missing {field} in {data}");
        }
    }

    [Fact]
    public async Task A_resolution_takes_its_sequence_on_the_market_stream_live_and_on_resume()
    {
        var market = await Data.MarketAsync();
        var trader = await CallerAsync();
        await BuyAsync(trader, market.Id);
        await BuyAsync(trader, market.Id);
        await using var live = await EventStream.OpenAsync(Client, $"/api/markets/{market.Id}/stream");
        await live.NextAsync();

        var lifecycle = AppServices.GetRequiredService<MarketLifecycle>();
        Assert.IsType<MarketResolved>(await lifecycle.ResolveAsync(market.Id, new MarketActor(trader.AccountId, IsAdmin: true), Resolution.Yes));

        var resolved = await live.NextAsync();
        Assert.Equal(("resolved", "3"), (resolved.EventType, resolved.EventId));
        var data = EventStream.Data(resolved);
        Assert.Equal("yes", data.GetProperty("resolution").GetString());
        Assert.True(data.GetProperty("totalPaid").GetDecimal() > 0);

        // A client that saw only the first trade gets the second and then the resolution, nothing else.
        await using var resumed = await EventStream.OpenAsync(Client, $"/api/markets/{market.Id}/stream", lastEventId: "1");
        await resumed.NextAsync();
        var replay = await resumed.TakeAsync(2);
        Assert.Equal([("trade", "2"), ("resolved", "3")], replay.Select(e => (e.EventType, e.EventId)));
    }

    [Fact]
    public async Task Reconnecting_with_last_event_id_resumes_exactly_from_the_board_or_the_database()
    {
        var market = await Data.MarketAsync();
        var trader = await CallerAsync();
        long lastSeen;
        await using (var first = await EventStream.OpenAsync(Client, $"/api/markets/{market.Id}/stream"))
        {
            await first.NextAsync();
            for (var i = 0; i < 3; i++) await BuyAsync(trader, market.Id);
            var seen = await first.TakeAsync(3);
            Assert.Equal(["1", "2", "3"], seen.Select(e => e.EventId));
            lastSeen = long.Parse(seen[^1].EventId!, CultureInfo.InvariantCulture);
        }

        // More trades than the board keeps: the resume from 3 must read the database.
        var missed = MarketBoard.RecentTradesKept + 10;
        for (var i = 0; i < missed; i++) await BuyAsync(trader, market.Id, i % 2 == 0 ? "yes" : "no");
        Assert.Null(AppServices.GetRequiredService<MarketBoard>().CatchUp(market.Id, lastSeen).Missed);

        await using var resumed = await EventStream.OpenAsync(Client, $"/api/markets/{market.Id}/stream", lastEventId: "3");
        var ready = await resumed.NextAsync();
        Assert.Equal(("ready", "3"), (ready.EventType, ready.EventId));
        var replayed = await resumed.TakeAsync(missed);
        Assert.Equal(Enumerable.Range(4, missed).Select(s => s.ToString(CultureInfo.InvariantCulture)), replayed.Select(e => e.EventId));
        Assert.All(replayed, e => Assert.Equal("trade", e.EventType));
        Assert.Equal(replayed.Select(e => e.EventId), replayed.Select(e => EventStream.Data(e).GetProperty("sequence").GetInt64().ToString(CultureInfo.InvariantCulture)));

        // Live again after the replay: the next trade comes once, next in line.
        var next = await BuyAsync(trader, market.Id);
        var live = await resumed.NextAsync();
        Assert.Equal(("trade", next.ToString(CultureInfo.InvariantCulture)), (live.EventType, live.EventId));

        // A resume within what the board keeps reads no database and is just as exact.
        await using var recent = await EventStream.OpenAsync(Client, $"/api/markets/{market.Id}/stream", lastEventId: (next - 2).ToString(CultureInfo.InvariantCulture));
        await recent.NextAsync();
        Assert.Equal([next - 1, next], (await recent.TakeAsync(2)).Select(e => long.Parse(e.EventId!, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task The_all_markets_stream_starts_with_a_resync_and_carries_market_id_and_sequence()
    {
        var first = await Data.MarketAsync();
        var second = await Data.MarketAsync();
        var trader = await CallerAsync();
        await BuyAsync(trader, first.Id);

        await using var stream = await EventStream.OpenAsync(Client, "/api/stream");
        var resync = await stream.NextAsync();
        Assert.Equal("resync", resync.EventType);
        var data = EventStream.Data(resync);
        Assert.Equal("connected", data.GetProperty("reason").GetString());
        Assert.Equal(1, data.GetProperty("sequences").GetProperty(first.Id.ToString(CultureInfo.InvariantCulture)).GetInt64());
        Assert.Equal(0, data.GetProperty("sequences").GetProperty(second.Id.ToString(CultureInfo.InvariantCulture)).GetInt64());

        var placed = new List<(int Market, long Sequence)>();
        for (var i = 0; i < 6; i++)
        {
            var market = i % 2 == 0 ? second.Id : first.Id;
            placed.Add((market, await BuyAsync(trader, market)));
        }
        var received = await stream.TakeAsync(placed.Count);
        Assert.All(received, e => Assert.Equal("trade", e.EventType));
        // No event ids: there is no single cursor, so a browser's reconnect starts over with a resync.
        Assert.All(received, e => Assert.Null(e.EventId));
        Assert.Equal(placed, received.Select(e => (EventStream.Data(e).GetProperty("marketId").GetInt32(), EventStream.Data(e).GetProperty("sequence").GetInt64())));
    }

    [Fact]
    public async Task A_change_published_only_by_a_repair_is_filled_in_from_the_board_on_both_streams()
    {
        var market = await Data.MarketAsync();
        var trader = await CallerAsync();
        await using var one = await EventStream.OpenAsync(Client, $"/api/markets/{market.Id}/stream");
        await using var all = await EventStream.OpenAsync(Client, "/api/stream");
        await one.NextAsync();
        await all.NextAsync();
        await BuyAsync(trader, market.Id);
        Assert.Equal("1", (await one.NextAsync()).EventId);
        Assert.Equal(1, EventStream.Data(await all.NextAsync()).GetProperty("sequence").GetInt64());

        // Trade 2 never reaches the board, as another instance's trades do not: trade 3 reveals the gap, and the
        // repair publishes only its last change. Both streams must still tell 2 and then 3.
        AppServices.GetRequiredService<MarketBroadcaster>().DropNextChange();
        await BuyAsync(trader, market.Id);
        await BuyAsync(trader, market.Id);

        Assert.Equal(["2", "3"], (await one.TakeAsync(2)).Select(e => e.EventId));
        var told = await all.TakeAsync(2);
        Assert.All(told, e => Assert.Equal("trade", e.EventType));
        Assert.Equal([2L, 3L], told.Select(e => EventStream.Data(e).GetProperty("sequence").GetInt64()));
        Assert.Equal(1, AppServices.GetRequiredService<BoardReconciler>().Repairs);
    }

    [Fact]
    [Trait("Speed", "Slow")]
    public async Task A_client_that_never_reads_delays_neither_the_trade_path_nor_other_clients_and_is_told_to_resync()
    {
        var market = await Data.MarketAsync();
        var traders = new[] { await CallerAsync(), await CallerAsync(), await CallerAsync() };
        await using var stuck = await EventStream.OpenAsync(Client, "/api/stream");
        await using var stuckOnMarket = await EventStream.OpenAsync(Client, $"/api/markets/{market.Id}/stream");
        await using var reader = await EventStream.OpenAsync(Client, "/api/stream");
        Assert.Equal("resync", (await reader.NextAsync()).EventType);

        // Enough trades to fill the stuck client's transport buffer and then its bounded queue.
        const int Trades = 600;
        var reading = Task.Run(async () =>
        {
            var sequences = new List<long>();
            while (sequences.Count < Trades) sequences.Add(EventStream.Data(await reader.NextAsync()).GetProperty("sequence").GetInt64());
            return sequences;
        });
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(traders.Select(async trader =>
        {
            for (var i = 0; i < Trades / traders.Length; i++) await BuyAsync(trader, market.Id, i % 2 == 0 ? "yes" : "no");
        }));
        var tradingTook = clock.Elapsed;

        var delivered = await reading.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(Enumerable.Range(1, Trades).Select(s => (long)s), delivered);
        Assert.True(tradingTook < TimeSpan.FromSeconds(60), $"{Trades} orders took {tradingTook.TotalSeconds:N1} s with a stuck stream open");

        // The stuck client, reading at last: what was buffered, then a resync giving the sequence to catch up to.
        JsonElement? fellBehind = null;
        for (var read = 0; fellBehind is null; read++)
        {
            Assert.True(read <= Trades + 1, "The stuck client was never told to resync.");
            var item = await stuck.NextAsync();
            if (item.EventType == "resync" && EventStream.Data(item).GetProperty("reason").GetString() == "fell_behind") fellBehind = EventStream.Data(item);
        }
        Assert.Equal(Trades, fellBehind.Value.GetProperty("sequences").GetProperty(market.Id.ToString(CultureInfo.InvariantCulture)).GetInt64());

        // A market's stream needs no resync: what its queue dropped is replayed by sequence, exactly once and in order.
        Assert.Equal("ready", (await stuckOnMarket.NextAsync()).EventType);
        var replayed = await stuckOnMarket.TakeAsync(Trades);
        Assert.Equal(Enumerable.Range(1, Trades).Select(s => s.ToString(CultureInfo.InvariantCulture)), replayed.Select(e => e.EventId));
    }

    [Fact]
    public async Task Unknown_markets_are_404_and_malformed_last_event_ids_400()
    {
        var market = await Data.MarketAsync();

        var missing = await EventStream.SendAsync(Client, "/api/markets/987654/stream");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("not_found", (await ProblemAsync(missing)).GetProperty("reason").GetString());

        foreach (var bad in new[] { "abc", "-1", "1.5", "99" })
        {
            var refused = await EventStream.SendAsync(Client, $"/api/markets/{market.Id}/stream", lastEventId: bad);
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"Last-Event-ID {bad} → {(int)refused.StatusCode}");
            Assert.Contains("Last-Event-ID", (await ProblemAsync(refused)).GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task Streams_beyond_the_per_address_limit_are_429_until_one_closes()
    {
        var market = await Data.MarketAsync();
        var open = new List<EventStream>();
        for (var i = 0; i < StreamsPerAddress; i++)
            open.Add(await EventStream.OpenAsync(Client, i % 2 == 0 ? "/api/stream" : $"/api/markets/{market.Id}/stream"));

        var refused = await EventStream.SendAsync(Client, "/api/stream");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal("rate_limited", (await ProblemAsync(refused)).GetProperty("reason").GetString());

        await open[0].DisposeAsync();
        open.RemoveAt(0);
        // The permit is released once the server has seen the client go, which takes a moment: poll with a deadline.
        var deadline = DateTime.UtcNow + EventStream.DefaultTimeout;
        HttpResponseMessage reopened;
        while ((reopened = await EventStream.SendAsync(Client, "/api/stream")).StatusCode == HttpStatusCode.TooManyRequests && DateTime.UtcNow < deadline)
        {
            reopened.Dispose();
            await Task.Delay(20);
        }
        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
        reopened.Dispose();
        foreach (var stream in open) await stream.DisposeAsync();
    }

    [Fact]
    public async Task A_quiet_stream_sends_heartbeats_without_an_id()
    {
        var market = await Data.MarketAsync();
        await using var stream = await EventStream.OpenAsync(Client, $"/api/markets/{market.Id}/stream");
        Assert.Equal("ready", (await stream.NextAsync()).EventType);

        var beat = await stream.NextOrEndAsync();

        Assert.NotNull(beat);
        Assert.Equal("heartbeat", beat.Value.EventType);
        Assert.True(EventStream.Data(beat.Value).TryGetProperty("at", out _), beat.Value.Data);
        // No id of its own: the client's last event id is still the ready event's (a parser may report it again or not at all).
        Assert.Equal("0", beat.Value.EventId ?? "0");
    }

    [Fact]
    public async Task Streams_end_cleanly_when_the_app_stops()
    {
        var market = await Data.MarketAsync();
        await using var stream = await EventStream.OpenAsync(Client, $"/api/markets/{market.Id}/stream");
        await stream.NextAsync();

        AppServices.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        Assert.Null(await stream.NextOrEndAsync());
    }

    private static async Task<long> BuyAsync(ApiCaller trader, int marketId, string side = "yes")
    {
        var response = await trader.Http.PostAsJsonAsync($"/api/markets/{marketId}/orders", new
        {
            side, action = "buy", amount = 1, quotedPrice = 0.5, quotedSequence = 0, slippage = 0.5,
        });
        Assert.True(response.IsSuccessStatusCode, $"order → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sequence").GetInt64();
    }
}
