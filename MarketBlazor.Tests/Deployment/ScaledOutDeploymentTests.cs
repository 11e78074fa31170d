using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MarketBlazor.App.Operations;
using MarketBlazor.Tests.EndToEnd;
using MarketBlazor.Testing;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace MarketBlazor.Tests.Deployment;

/// <summary>
/// Issue 12: three app processes on one database behind nginx, sticky by cookie, on loopback.
/// Real Chromium tabs on different instances see a trade placed on any of them within a second;
/// killing an instance moves its tabs to another with current prices (the app's reconnect UI
/// reloads by itself, the test never does) and loses no order it acknowledged.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class ScaledOutDeploymentTests(DatabaseFixture database, ITestOutputHelper output) : DatabaseTest(database)
{
    private static readonly TimeSpan LiveUpdate = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Failover = TimeSpan.FromSeconds(45);
    private static readonly string[] Names = ["A", "B", "C"];

    /// <summary>Three cold starts at once on a 2-core machine shared with other test collections.</summary>
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(100);

    /// <summary>The first circuit of a cold instance, with three instances and Chromium on two busy cores.</summary>
    private static readonly TimeSpan CircuitStart = TimeSpan.FromSeconds(60);

    private readonly List<AppProcess> instances = [];
    private readonly List<string> problems = [];
    private NginxProxy? proxy;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public override async Task DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
        if (proxy is not null) await proxy.DisposeAsync();
        foreach (var instance in instances) await instance.DisposeAsync();
    }

    [Fact]
    public async Task Tabs_on_three_instances_see_every_trade_and_survive_losing_their_instance_without_losing_an_order()
    {
        var market = await Data.MarketAsync();
        var trader = await Data.PersonAsync(balance: 100_000m);
        var key = await ApiCaller.KeyForAsync(Database.Contexts, trader.UserId!);
        var started = Stopwatch.StartNew();
        instances.AddRange(await Task.WhenAll(Names.Select(name => AppProcess.StartAsync(
            // Development: an unpublished build serves its static web assets (blazor.web.js, MudBlazor) only there.
            // The database answers and holds rows, so no private cluster, no demo seed, no development admin.
            AppLaunch.ForDll(BuildOutput.AppDll(), Database.ConnectionString, "Development", new Dictionary<string, string>
            {
                ["Seed:OnEmptyDatabase"] = "false",
                ["Live:InstanceName"] = name,
                // Only NOTIFY can carry a trade to the other instances within the second the test allows.
                ["Live:ReconcileInterval"] = TimeSpan.FromHours(1).ToString("c"),
            }) with { StartupTimeout = StartupTimeout, Log = output.WriteLine },
            CancellationToken.None))));
        proxy = await NginxProxy.StartAsync(instances.Select(i => i.Address).ToArray());
        output.WriteLine($"3 instances and nginx serving after {started.Elapsed.TotalSeconds:N1} s at {proxy.Address}");

        // One affinity key per instance: the proxy's hash decides, the X-Instance header tells.
        var affinity = await AffinityPerInstanceAsync(market.Id);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = EndToEndApp.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var tabs = new Dictionary<string, Tab>();
        foreach (var name in Names) tabs[name] = await OpenTabAsync(affinity[name], $"/markets/{market.Slug}");
        foreach (var name in Names) Assert.Equal(name, tabs[name].ServedBy);

        // Warm-up, not timed against the second: each instance's first NOTIFY, refresh and render pays for its JIT.
        var acknowledged = new List<Filled>();
        foreach (var name in Names)
        {
            var warm = await OrderAsync(affinity[name], key, market.Id, 5);
            acknowledged.Add(warm);
            foreach (var (tabName, tab) in tabs)
                await WaitForYesPriceAsync(tab.Page, warm.PriceAfter, Failover, $"a warm-up trade on {name}, seen by the tab on {tabName}");
        }

        // A trade on each instance reaches every tab, whichever instance serves it, within a second.
        foreach (var name in Names)
        {
            var filled = await OrderAsync(affinity[name], key, market.Id, 20);
            acknowledged.Add(filled);
            foreach (var (tabName, tab) in tabs)
                await WaitForYesPriceAsync(tab.Page, filled.PriceAfter, LiveUpdate, $"a trade on {name}, seen by the tab on {tabName}");
        }

        // Orders keep coming through B's affinity while B dies: every acknowledged one must be in the database.
        var victim = instances[Array.IndexOf(Names, "B")];
        for (var i = 0; i < 3; i++) acknowledged.Add(await OrderAsync(affinity["B"], key, market.Id, 5));
        instances.Remove(victim);
        await victim.DisposeAsync();
        var refused = 0;
        var beforeDeath = acknowledged.Count;
        for (var i = 0; i < 6; i++)
        {
            if (await TryOrderAsync(affinity["B"], key, market.Id, 5) is { } filled) acknowledged.Add(filled);
            else refused++;
        }
        output.WriteLine($"after B died: {acknowledged.Count - beforeDeath} orders through B's affinity filled elsewhere, {refused} refused");

        // B's tab finds another instance by itself (its reconnect is refused there, so the app's reconnect UI reloads).
        var moved = tabs["B"];
        var deadline = Stopwatch.StartNew();
        while (moved.ServedBy is "B")
        {
            Assert.True(deadline.Elapsed < Failover, $"B's tab did not move to another instance within {Failover.TotalSeconds} s; {proxy.ErrorLog}");
            await moved.Page.WaitForTimeoutAsync(100);
        }
        await moved.Page.GetByTestId("circuit-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = (float)Failover.TotalMilliseconds });
        output.WriteLine($"B's tab moved to {moved.ServedBy} {deadline.Elapsed.TotalSeconds:N1} s after B was killed");
        Assert.Contains(moved.ServedBy, new[] { "A", "C" });

        // It shows current prices: what was traded while it moved, and what is traded now.
        var latest = await OrderAsync(affinity["A"], key, market.Id, 15);
        acknowledged.Add(latest);
        foreach (var (tabName, tab) in tabs)
            await WaitForYesPriceAsync(tab.Page, latest.PriceAfter, tabName == "B" ? Failover : LiveUpdate, $"the last trade, seen by the tab first on {tabName}");
        await Expect(moved.Page.Locator("#components-reconnect-modal")).ToBeHiddenAsync();

        // No acknowledged order was lost: each answer's trade is in the database, as answered.
        await using var db = await Database.Contexts.CreateDbContextAsync();
        var ids = acknowledged.Select(a => a.TradeId).ToArray();
        var stored = await db.Trades.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id);
        Assert.All(acknowledged, a =>
        {
            Assert.True(stored.TryGetValue(a.TradeId, out var trade), $"trade {a.TradeId} was acknowledged and is not in the database");
            Assert.Equal(a.Sequence, trade!.MarketSequence);
        });
        Assert.Equal(acknowledged.Count, await db.Trades.CountAsync(t => t.AccountId == trader.Id));
        await Invariants.AssertHoldAsync(Database.ConnectionString);
    }

    private sealed record Filled(long TradeId, long Sequence, decimal PriceAfter);

    /// <summary>A browser tab (its own profile) and the instance that served its latest page.</summary>
    private sealed class Tab(IPage page)
    {
        public IPage Page { get; } = page;
        public volatile string? ServedBy;
    }

    private async Task<Tab> OpenTabAsync(string affinityKey, string path)
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = proxy!.Address.ToString(), Locale = "en-US" });
        context.SetDefaultTimeout(20_000);
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = NginxProxy.AffinityCookie, Value = affinityKey, Url = proxy.Address.ToString() }]);
        var page = await context.NewPageAsync();
        var tab = new Tab(page);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning") lock (problems) problems.Add($"{message.Type}: {message.Text}");
        };
        // Every page load (the first, and any the reconnect UI makes) says which instance served it.
        page.Response += (_, response) =>
        {
            if (response.Request.ResourceType == "document" && response.Frame == page.MainFrame &&
                response.Headers.TryGetValue(InstanceIdentity.Header.ToLowerInvariant(), out var instance))
                tab.ServedBy = instance;
        };
        var answer = await page.GotoAsync(path);
        Assert.True(answer is { Ok: true }, $"GET {path} through nginx answered {answer?.Status}");
        if (tab.ServedBy is null && answer!.Headers.TryGetValue(InstanceIdentity.Header.ToLowerInvariant(), out var servedBy)) tab.ServedBy = servedBy;
        try
        {
            await page.GetByTestId("circuit-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = (float)CircuitStart.TotalMilliseconds });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"no circuit through nginx within {CircuitStart.TotalSeconds} s on {tab.ServedBy}; browser said:\n{string.Join("\n", problems)}\nnginx said:\n{proxy.ErrorLog}", e);
        }
        return tab;
    }

    private async Task<Dictionary<string, string>> AffinityPerInstanceAsync(int marketId)
    {
        var found = new Dictionary<string, string>();
        for (var i = 0; i < 200 && found.Count < Names.Length; i++)
        {
            var candidate = $"tab-{i}";
            using var client = ClientFor(candidate);
            using var response = await client.GetAsync($"/api/markets/{marketId}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            found.TryAdd(response.Headers.GetValues(InstanceIdentity.Header).Single(), candidate);
        }
        Assert.True(found.Count == Names.Length, $"the proxy sent 200 affinity keys to only {string.Join(", ", found.Keys)}");
        return found;
    }

    private HttpClient ClientFor(string affinityKey)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = proxy!.Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("Cookie", $"{NginxProxy.AffinityCookie}={affinityKey}");
        return client;
    }

    private async Task<Filled> OrderAsync(string affinityKey, string key, int marketId, decimal amount) =>
        await TryOrderAsync(affinityKey, key, marketId, amount) ?? throw new InvalidOperationException($"an order through affinity {affinityKey} was refused");

    /// <summary>An order through the proxy; null when it was not acknowledged (the proxy or the instance failed it).</summary>
    private async Task<Filled?> TryOrderAsync(string affinityKey, string key, int marketId, decimal amount)
    {
        using var client = ClientFor(affinityKey);
        try
        {
            using var response = await ApiCaller.BuyYesAtQuoteAsync(client, key, marketId, amount);
            if (!response.IsSuccessStatusCode)
            {
                output.WriteLine($"order through {affinityKey}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                return null;
            }
            var filled = await response.Content.ReadFromJsonAsync<JsonElement>();
            return new Filled(filled.GetProperty("tradeId").GetInt64(), filled.GetProperty("sequence").GetInt64(), filled.GetProperty("priceAfter").GetDecimal());
        }
        catch (HttpRequestException e)
        {
            output.WriteLine($"order through {affinityKey}: {e.Message}");
            return null;
        }
    }

    private static async Task WaitForYesPriceAsync(IPage page, decimal expected, TimeSpan timeout, string what)
    {
        try
        {
            await page.WaitForFunctionAsync(
                """
                expected => {
                    const el = document.querySelector('[data-testid="market-yes-price"]');
                    const m = el && el.textContent.match(/(\d+(?:[.,]\d+)?)\s*%/);
                    return !!m && Math.abs(parseFloat(m[1].replace(',', '.')) - expected) <= 0.051;
                }
                """,
                (double)(expected * 100),
                new PageWaitForFunctionOptions { Timeout = (float)timeout.TotalMilliseconds, PollingInterval = 20 });
        }
        catch (TimeoutException e)
        {
            var shown = await page.GetByTestId("market-yes-price").First.InnerTextAsync(new() { Timeout = 1_000 });
            throw new TimeoutException($"{what}: the tab shows Yes {shown}, expected {expected:P1}, after {timeout.TotalMilliseconds:N0} ms", e);
        }
    }
}
