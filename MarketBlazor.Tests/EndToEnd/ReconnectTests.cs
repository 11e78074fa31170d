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
}
