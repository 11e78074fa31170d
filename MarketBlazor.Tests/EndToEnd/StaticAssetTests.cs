using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace MarketBlazor.Tests.EndToEnd;

/// <summary>
/// What a visit costs in stylesheet bytes, measured as Chromium's DevTools protocol reports them
/// (encodedDataLength: headers and compressed body as they crossed the wire; a cache hit is 0).
/// </summary>
public sealed class StaticAssetTests(EndToEndApp app, ITestOutputHelper output) : EndToEndTest(app, output)
{
    private const long RepeatVisitCssBudget = 50_000;

    [Fact]
    public async Task The_first_visit_gets_compressed_css_and_a_repeat_visit_transfers_under_50_KB_of_it()
    {
        var context = await NewContextAsync(null);

        var first = await VisitAsync(context);
        Assert.NotEmpty(first);
        foreach (var sheet in first)
            Assert.True(sheet.Encoding is "br" or "gzip", $"{sheet.Url} was sent with Content-Encoding '{sheet.Encoding}', not compressed.");
        var mud = Assert.Single(first, s => s.Url.Contains("MudBlazor", StringComparison.Ordinal));
        Assert.True(mud.Bytes < 100_000, $"MudBlazor's stylesheet took {mud.Bytes:N0} bytes on the wire.");

        var repeat = await VisitAsync(context);
        var repeatBytes = repeat.Sum(s => s.Bytes);
        Output.WriteLine($"first visit: {first.Sum(s => s.Bytes):N0} B of CSS ({string.Join(", ", first.Select(s => $"{Path.GetFileName(new Uri(s.Url).AbsolutePath)} {s.Bytes:N0} B {s.Encoding}"))})");
        Output.WriteLine($"repeat visit: {repeatBytes:N0} B of CSS ({string.Join(", ", repeat.Select(s => $"{Path.GetFileName(new Uri(s.Url).AbsolutePath)} {s.Bytes:N0} B{(s.FromCache ? " cached" : "")}"))})");
        Assert.True(repeatBytes < RepeatVisitCssBudget, $"A repeat visit transferred {repeatBytes:N0} bytes of CSS.");
        AssertNoConsoleErrors();
    }

    private sealed record Sheet(string Url, string Encoding, bool FromCache, long Bytes);

    /// <summary>Opens the board in a new tab of <paramref name="context"/> and returns every stylesheet it loaded.</summary>
    private async Task<IReadOnlyList<Sheet>> VisitAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        Watch(page);
        var session = await context.NewCDPSessionAsync(page);
        var sheets = new Dictionary<string, (string Url, string Encoding, bool FromCache)>();
        var sizes = new Dictionary<string, long>();
        session.Event("Network.responseReceived").OnEvent += (_, e) =>
        {
            if (e is not { } json || json.GetProperty("type").GetString() != "Stylesheet") return;
            var response = json.GetProperty("response");
            var encoding = response.GetProperty("headers").EnumerateObject()
                .FirstOrDefault(h => h.Name.Equals("content-encoding", StringComparison.OrdinalIgnoreCase)).Value;
            var fromCache = response.TryGetProperty("fromDiskCache", out var disk) && disk.GetBoolean()
                || response.TryGetProperty("fromMemoryCache", out var memory) && memory.GetBoolean();
            lock (sheets) sheets[json.GetProperty("requestId").GetString()!] = (response.GetProperty("url").GetString()!,
                encoding.ValueKind == JsonValueKind.String ? encoding.GetString()! : "", fromCache);
        };
        session.Event("Network.loadingFinished").OnEvent += (_, e) =>
        {
            if (e is { } json) lock (sheets) sizes[json.GetProperty("requestId").GetString()!] = (long)json.GetProperty("encodedDataLength").GetDouble();
        };
        session.Event("Network.requestServedFromCache").OnEvent += (_, e) =>
        {
            if (e is { } json) lock (sheets) sizes[json.GetProperty("requestId").GetString()!] = 0;
        };
        await session.SendAsync("Network.enable");
        await page.GotoAsync("/");
        await WaitForCircuitAsync(page);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.CloseAsync();
        lock (sheets)
            return sheets.Select(s => new Sheet(s.Value.Url, s.Value.Encoding, s.Value.FromCache, sizes.GetValueOrDefault(s.Key))).ToList();
    }
}
