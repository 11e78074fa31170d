using System.Diagnostics;
using System.Text.RegularExpressions;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace MarketBlazor.Tests.EndToEnd;

/// <summary>Issue 5: a tab that goes offline comes back to exactly the current state, without a reload.</summary>
public sealed class ReconnectTests(EndToEndApp app, ITestOutputHelper output) : EndToEndTest(app, output)
{
    [Fact]
    public async Task A_tab_back_online_shows_the_current_price_and_the_trades_it_missed_without_reloading()
    {
        var market = World.Markets.Single(m => m.Slug == "e2e-rain-in-lisbon");
        var watcher = await NewContextAsync(World.Grace);
        var page = await watcher.NewPageAsync();
        Watch(page);
        // Offline emulation stops new requests but leaves an open WebSocket alone, so the circuit's
        // socket runs through a route the test can cut, as a dropped network would.
        var sockets = new List<(IWebSocketRoute Page, IWebSocketRoute Server)>();
        await page.RouteWebSocketAsync(url => url.Contains("/_blazor", StringComparison.Ordinal), socket =>
        {
            lock (sockets) sockets.Add((socket, socket.ConnectToServer()));
        });
        await page.GotoAsync($"/markets/{market.Slug}");
        await WaitForCircuitAsync(page);
        await page.EvaluateAsync("() => { window.__e2eNoReload = true; }");
        var trading = App.Services.GetRequiredService<TradeService>();

        await watcher.SetOfflineAsync(true);
        List<(IWebSocketRoute Page, IWebSocketRoute Server)> open;
        lock (sockets) open = sockets.ToList();
        foreach (var (pageSide, serverSide) in open)
        {
            await pageSide.CloseAsync();
            await serverSide.CloseAsync();
        }
        // Proof the browser really lost its circuit connection: Blazor shows its reconnect dialog.
        await Expect(page.Locator("#components-reconnect-modal")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var missed = new List<TradeView>();
        for (var i = 0; i < 3; i++)
        {
            var quote = (await trading.QuoteAsync(market.Id, Side.No, TradeAction.Buy, 15)).Quote!;
            var filled = Assert.IsType<OrderFilled>(await trading.PlaceOrderAsync(new OrderRequest(
                World.Carol.Id, market.Id, Side.No, TradeAction.Buy, 15, (double)quote.AveragePrice, quote.Sequence, 0.05)));
            missed.Add(filled.Trade);
        }
        // The board takes a trade from the fan-out just after the order returns.
        var board = App.Services.GetRequiredService<App.Live.MarketBoard>();
        await Live.BoardWaiting.ReachesAsync(board, market.Id, missed[^1].Sequence);
        var current = board.Market(market.Id)!;
        Output.WriteLine($"missed trades {string.Join(", ", missed.Select(t => t.Sequence))}; Yes now {current.YesPrice:P2}");

        await watcher.SetOfflineAsync(false);

        await Expect(page.Locator("#components-reconnect-modal")).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await WaitForPercentAsync(page, "market-yes-price", current.YesPrice, TimeSpan.FromSeconds(10));
        foreach (var trade in missed)
            await Expect(page.GetByTestId($"trade-{trade.Id}")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.__e2eNoReload === true"), "the page reloaded");
        // Offline, the SignalR client logs its failed reconnection attempts; anything else is a fault.
        Assert.All(ConsoleErrors, error => Assert.Matches(
            "^console error .*(WebSocket closed|ERR_INTERNET_DISCONNECTED|negotiation|Failed to start the connection|Connection disconnected)", error));
    }

    /// <summary>Console lines the browser writes while it cannot reach the circuit: one or more per failed attempt.</summary>
    private static readonly Regex ReconnectNoise = new("WebSocket|ERR_INTERNET_DISCONNECTED|negotiation|Failed to start the connection|Connection disconnected|reconnect", RegexOptions.IgnoreCase);

    [Fact]
    public async Task An_amount_typed_before_a_dropped_connection_is_still_there_and_the_retries_back_off()
    {
        var market = World.Markets.Single(m => m.Slug == "e2e-rain-in-lisbon");
        var watcher = await NewContextAsync(World.Grace);
        var page = await watcher.NewPageAsync();
        Watch(page);
        var clock = Stopwatch.StartNew();
        var noise = new List<(TimeSpan At, string Text)>();
        page.Console += (_, message) =>
        {
            if (ReconnectNoise.IsMatch(message.Text)) lock (noise) noise.Add((clock.Elapsed, message.Text));
        };
        var sockets = new List<(IWebSocketRoute Page, IWebSocketRoute Server)>();
        await page.RouteWebSocketAsync(url => url.Contains("/_blazor", StringComparison.Ordinal), socket =>
        {
            lock (sockets) sockets.Add((socket, socket.ConnectToServer()));
        });
        await page.GotoAsync($"/markets/{market.Slug}");
        await WaitForCircuitAsync(page);
        await page.EvaluateAsync("() => { window.__e2eNoReload = true; }");
        await TicketAmount(page).FillAsync("37.5");
        await WaitForDraftAsync(page, market.Slug, "37.5");

        await watcher.SetOfflineAsync(true);
        List<(IWebSocketRoute Page, IWebSocketRoute Server)> open;
        lock (sockets) open = sockets.ToList();
        foreach (var (pageSide, serverSide) in open)
        {
            await pageSide.CloseAsync();
            await serverSide.CloseAsync();
        }
        await Expect(page.Locator("#components-reconnect-modal")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var outageStart = clock.Elapsed;
        // Offline until Blazor's dialog announces a wait of 2 s or more before its next attempt, i.e. until the
        // back-off has grown (0.5 s, 1 s, then 2 s: two failed attempts). Retrying at once, as Blazor does by
        // default for its first ten attempts, gets there only after those ten.
        await page.WaitForFunctionAsync(
            "() => Number(document.getElementById('components-seconds-to-next-attempt')?.textContent) >= 2",
            null, new() { Timeout = 30_000 });
        var outage = clock.Elapsed - outageStart;
        List<(TimeSpan At, string Text)> during;
        lock (noise) during = noise.Where(n => n.At >= outageStart).ToList();
        await watcher.SetOfflineAsync(false);

        await Expect(page.Locator("#components-reconnect-modal")).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await Expect(TicketAmount(page)).ToHaveValueAsync("37.5");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__e2eNoReload === true"), "the page reloaded");
        Output.WriteLine($"{during.Count} reconnect messages over {outage.TotalSeconds:0.0} s offline:");
        foreach (var (at, text) in during) Output.WriteLine($"  +{(at - outageStart).TotalMilliseconds:0} ms {text}");
        // Two failed attempts (the third may have started by the time the dialog's countdown is read), each
        // logging a few lines; ten immediate attempts log several times as many.
        Assert.InRange(during.Count, 1, MessagesPerAttempt * 3);
    }

    [Fact]
    public async Task A_page_that_had_to_reload_restores_the_ticket_draft_and_a_fill_clears_it()
    {
        var market = World.Markets.Single(m => m.Slug == "e2e-rain-in-lisbon");
        var context = await NewContextAsync(World.Grace);
        var page = await OpenAsync(context, $"/markets/{market.Slug}");
        await page.GetByTestId("ticket-side-no").ClickAsync();
        await page.GetByTestId("ticket-slippage-2").ClickAsync();
        await TicketAmount(page).FillAsync("12.5");
        await WaitForDraftAsync(page, market.Slug, "12.5");

        // A lost circuit ends in a reload (ReconnectModal.razor.js); the tab's sessionStorage outlives it.
        await page.ReloadAsync();
        await WaitForCircuitAsync(page);
        await Expect(TicketAmount(page)).ToHaveValueAsync("12.5");
        await Expect(page.GetByTestId("ticket-side-no")).ToHaveClassAsync(new Regex("mud-toggle-item-selected"));
        await Expect(page.GetByTestId("ticket-slippage-2")).ToHaveClassAsync(new Regex("mud-toggle-item-selected"));

        await page.GetByTestId("ticket-submit").ClickAsync();
        await page.WaitForFunctionAsync("key => sessionStorage.getItem(key) === null", DraftKey(market.Slug));
        await page.ReloadAsync();
        await WaitForCircuitAsync(page);
        await Expect(TicketAmount(page)).ToHaveValueAsync("10");
        AssertNoConsoleErrors();
    }

    /// <summary>An attempt that cannot reach the server: Chromium logs the failed request, SignalR and Blazor four lines (measured).</summary>
    private const int MessagesPerAttempt = 5;

    private static string DraftKey(string slug) => $"marketblazor-ticket:{slug}";

    /// <summary>The server saved the draft in the tab's sessionStorage (it does so on every change).</summary>
    private static Task WaitForDraftAsync(IPage page, string slug, string amount) =>
        page.WaitForFunctionAsync("([key, amount]) => (JSON.parse(sessionStorage.getItem(key) || 'null') || {}).Amount === amount",
            new object[] { DraftKey(slug), amount });
}
