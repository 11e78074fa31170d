using Microsoft.Playwright;
using Xunit.Abstractions;

namespace MarketBlazor.Tests.EndToEnd;

/// <summary>
/// The ground the other browser tests stand on: over a real socket, Chromium gets every static
/// asset (MudBlazor, blazor.web.js, scoped css) and opens a Blazor circuit. When this fails the
/// problem is the hosting, not a page.
/// </summary>
public sealed class AppServingTests(EndToEndApp app, ITestOutputHelper output) : EndToEndTest(app, output)
{
    [Fact]
    public async Task The_board_loads_its_assets_and_opens_a_circuit_over_a_websocket()
    {
        var context = await NewContextAsync(World.Erin);
        var page = await context.NewPageAsync();
        Watch(page);
        var failed = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400) lock (failed) failed.Add($"{response.Status} {response.Url}");
        };
        page.RequestFailed += (_, request) =>
        {
            lock (failed) failed.Add($"failed {request.Url}: {request.Failure}");
        };

        var circuit = page.WaitForWebSocketAsync(new PageWaitForWebSocketOptions
        {
            Predicate = socket => socket.Url.Contains("/_blazor", StringComparison.Ordinal),
            Timeout = Milliseconds(CircuitTimeout),
        });
        var response = await page.GotoAsync("/");
        Assert.True(response is { Ok: true }, $"GET / answered {response?.Status}");
        var socket = await circuit;
        Output.WriteLine($"circuit socket: {socket.Url}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // MudBlazor's stylesheet really applied (not just requested): its layout class has a rule.
        var mudStyled = await page.EvaluateAsync<bool>(
            "() => [...document.styleSheets].some(s => s.href && s.href.includes('MudBlazor') && s.cssRules.length > 100)");
        Assert.True(mudStyled, "MudBlazor.min.css did not load.");
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.Blazor === 'object'"), "blazor.web.js did not load.");
        Assert.Empty(failed);
        AssertNoConsoleErrors();
    }
}
