using MarketBlazor.Bench.Load;
using Microsoft.Playwright;

namespace MarketBlazor.Bench.Circuits;

/// <summary>
/// The cross-check for the headless client: real Chromium tabs (Debian's /usr/bin/chromium,
/// DESIGN §7) on the markets board, each watching the ticker market's price cell with a
/// MutationObserver, so latency is trade timestamp → the new price in the tab's DOM.
/// </summary>
public static class BrowserTabs
{
    public const string Chromium = "/usr/bin/chromium";

    // Records each change of the market's price cell as [text, Date.now()]; observes the whole board because rows move as volumes change.
    private const string Observe = """
        id => {
            window.__pushes = [];
            let last = null;
            const record = () => {
                const cell = document.querySelector(`[data-testid="market-price-${id}"]`);
                const text = cell && cell.textContent.trim();
                if (text !== last) { last = text; window.__pushes.push([text, Date.now()]); }
            };
            record();
            new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true });
        }
        """;

    public static bool Available => File.Exists(Chromium);

    /// <returns>Each push's latency in milliseconds over all tabs, and the pushes no tab ever showed.</returns>
    public static async Task<(LatencyStats Latency, long Missed)> RunAsync(
        HttpClient http, int tabs, int marketId, int accountId, int orders, TimeSpan interval, Action<string> log, CancellationToken cancellationToken)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var context = await browser.NewContextAsync();
        var pages = new List<IPage>();
        for (var i = 0; i < tabs; i++)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(http.BaseAddress!, "/").ToString());
            // Prerendered HTML looks the same but is not live: wait for the circuit.
            await page.WaitForSelectorAsync("[data-testid=circuit-ready]", new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
            await page.EvaluateAsync(Observe, marketId);
            pages.Add(page);
        }
        log($"{tabs} Chromium tabs live on the board");

        var ticker = await Ticker.StartAsync(http, marketId, accountId, cancellationToken);
        var expected = new List<string>();
        var watch = new PushWatch(orders);
        await ticker.RunAsync(orders, interval, watch, state =>
        {
            var text = Ticker.PriceText(state);
            expected.Add(text);
            return text;
        }, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var committed = await FanoutProbe.CommitTimesAsync(http, ticker, orders, cancellationToken);

        var latencies = new List<double>();
        long missed = 0;
        foreach (var page in pages)
        {
            var pushes = await page.EvaluateAsync<object[][]>("() => window.__pushes");
            var shown = pushes.Select(p => (Index: expected.IndexOf(p[0]?.ToString() ?? ""), At: Convert.ToDouble(p[1]))).Where(p => p.Index >= 0).ToList();
            for (var k = 0; k < orders; k++)
            {
                // Renders coalesce: order k reached the tab with the first price at or after its own.
                var first = shown.FirstOrDefault(p => p.Index >= k);
                if (first.At == 0) missed++;
                else latencies.Add(first.At - (committed[k] - DateTimeOffset.UnixEpoch).TotalMilliseconds);
            }
        }
        return (new LatencyStats(latencies), missed);
    }
}
