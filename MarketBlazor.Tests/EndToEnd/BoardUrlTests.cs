using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace MarketBlazor.Tests.EndToEnd;

/// <summary>Issue 11: the board's search, category and sort live in the URL, so they survive a reload and can be shared.</summary>
public sealed class BoardUrlTests(EndToEndApp app, ITestOutputHelper output) : EndToEndTest(app, output)
{
    [Fact]
    public async Task Filters_set_on_the_board_survive_a_reload_without_adding_history_entries()
    {
        var context = await NewContextAsync(null);
        var page = await OpenAsync(context, "/");
        await Expect(page.GetByTestId($"market-row-{World.Live.Id}")).ToBeVisibleAsync();
        var historyBefore = await HistoryLengthAsync(page);

        await page.GetByTestId("market-search").FillAsync("quiet");
        await page.GetByTestId($"category-{World.Quiet.Category}").ClickAsync();
        await page.GetByTestId("market-sort").SelectOptionAsync("closing");

        await Expect(page).ToHaveURLAsync(new Regex($@"/\?q=quiet&category={World.Quiet.Category}&sort=closing$"));
        await Expect(page.GetByTestId($"market-row-{World.Live.Id}")).ToBeHiddenAsync();
        Assert.Equal(historyBefore, await HistoryLengthAsync(page));

        await page.ReloadAsync();
        await WaitForCircuitAsync(page);

        await Expect(page.GetByTestId("market-search")).ToHaveValueAsync("quiet");
        await Expect(page.GetByTestId("market-sort")).ToHaveValueAsync("closing");
        await Expect(page.GetByTestId($"category-{World.Quiet.Category}")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.GetByTestId($"market-row-{World.Quiet.Id}")).ToBeVisibleAsync();
        await Expect(page.GetByTestId($"market-row-{World.Live.Id}")).ToBeHiddenAsync();

        // The same address in another browser opens the same board: it can be shared.
        var shared = await OpenAsync(await NewContextAsync(null), new Uri(page.Url).PathAndQuery);
        await Expect(shared.GetByTestId("market-search")).ToHaveValueAsync("quiet");
        await Expect(shared.GetByTestId($"market-row-{World.Quiet.Id}")).ToBeVisibleAsync();
        await Expect(shared.GetByTestId($"market-row-{World.Live.Id}")).ToBeHiddenAsync();
        AssertNoConsoleErrors();
    }

    private static Task<int> HistoryLengthAsync(IPage page) => page.EvaluateAsync<int>("() => history.length");
}
