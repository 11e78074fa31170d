using System.Globalization;
using MarketBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Xunit.Abstractions;

namespace MarketBlazor.Tests.EndToEnd;

/// <summary>
/// Base of the browser tests: browser contexts signed in as a given person, pages opened up
/// to a live circuit, and every console error and page error collected for assertions.
/// </summary>
[Trait("Speed", "Slow")]
[Collection(EndToEndCollection.Name)]
public abstract class EndToEndTest(EndToEndApp app, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Generous on purpose: a 2-core CI machine also runs the other test collections meanwhile.</summary>
    protected static readonly TimeSpan CircuitTimeout = TimeSpan.FromSeconds(20);

    private readonly List<IBrowserContext> contexts = [];
    private readonly List<string> consoleErrors = [];

    protected EndToEndApp App { get; } = app;
    protected EndToEndWorld World => App.World;
    protected ITestOutputHelper Output { get; } = output;

    /// <summary>Console errors and uncaught page errors seen so far, with the page they came from.</summary>
    protected IReadOnlyList<string> ConsoleErrors
    {
        get { lock (consoleErrors) return consoleErrors.ToList(); }
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var context in contexts) await context.CloseAsync();
    }

    /// <summary>
    /// A fresh browser profile, signed in as <paramref name="person"/> through the real sign-in form
    /// (so the cookie is the one a person gets), or anonymous when null.
    /// </summary>
    protected async Task<IBrowserContext> NewContextAsync(Account? person, int width = 1280, int height = 800)
    {
        var context = await App.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-US",
        });
        contexts.Add(context);
        context.SetDefaultTimeout(10_000);
        if (person is not null)
        {
            var page = await context.NewPageAsync();
            Watch(page);
            await SignInAsync(page, EndToEndWorld.EmailOf(person), EndToEndWorld.Password);
            await page.CloseAsync();
        }
        return context;
    }

    /// <summary>Fills the sign-in form and waits until the app bar names the signed-in person.</summary>
    protected static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.Locator("input[name='Input.Email']").FillAsync(email);
        await page.Locator("input[name='Input.Password']").FillAsync(password);
        await page.Locator("form:has(input[name='Input.Password']) button[type='submit']").First.ClickAsync();
        // The first sign-in of a run also pays the app's cold start (password hashing, JIT, the Identity model): a longer deadline than a click's.
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase), new() { Timeout = 30_000 });
        await WaitForCircuitAsync(page);
        await Expect(page.GetByTestId("current-user")).ToBeVisibleAsync();
    }

    /// <summary>Opens <paramref name="path"/> and waits for the interactive circuit: prerendered HTML ignores clicks.</summary>
    protected async Task<IPage> OpenAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        Watch(page);
        var response = await page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"GET {path} answered {response?.Status}.");
        await WaitForCircuitAsync(page);
        return page;
    }

    protected static Task WaitForCircuitAsync(IPage page) =>
        page.GetByTestId("circuit-ready").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = (float)CircuitTimeout.TotalMilliseconds });

    protected void Watch(IPage page)
    {
        page.Console += (_, message) =>
        {
            if (message.Type == "error") Record($"console error on {page.Url}: {message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => Record($"page error on {page.Url}: {error}");
    }

    protected void AssertNoConsoleErrors()
    {
        var errors = ConsoleErrors;
        Assert.True(errors.Count == 0, $"{errors.Count} browser console/page error(s):\n" + string.Join("\n", errors));
    }

    private void Record(string error)
    {
        lock (consoleErrors) consoleErrors.Add(error);
    }

    /// <summary>The amount box: the data-testid may sit on the input itself or on the Mud wrapper around it.</summary>
    protected static ILocator TicketAmount(IPage page) =>
        page.Locator("input[data-testid='ticket-amount'], [data-testid='ticket-amount'] input").First;

    /// <summary>Types an amount and leaves the box, so a bind-on-change field commits it.</summary>
    protected static async Task SetAmountAsync(IPage page, decimal amount)
    {
        var box = TicketAmount(page);
        await box.FillAsync(amount.ToString(CultureInfo.InvariantCulture));
        await box.BlurAsync();
    }

    /// <summary>The percentage shown in an element's text ("54.8%", "54.8 %").</summary>
    protected static async Task<decimal> PercentAsync(ILocator element)
    {
        var text = await element.InnerTextAsync();
        return ParsePercent(text) ?? throw new InvalidOperationException($"No percentage in '{text}'.");
    }

    protected static decimal? ParsePercent(string text)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text, @"(\d+(?:[.,]\d+)?)\s*%");
        return match.Success ? decimal.Parse(match.Groups[1].Value.Replace(',', '.'), CultureInfo.InvariantCulture) : null;
    }

    /// <summary>
    /// Waits in the page (no fixed sleeps) until the element's percentage is within half a display
    /// step of <paramref name="expected"/> (0–1), the way a one-decimal percentage rounds. Polls on a
    /// short timer rather than requestAnimationFrame, which a page that is not in front may not get.
    /// </summary>
    protected static async Task WaitForPercentAsync(IPage page, string testId, decimal expected, TimeSpan timeout)
    {
        try
        {
            await page.WaitForFunctionAsync(
                """
                ([id, expected]) => {
                    const el = document.querySelector(`[data-testid="${id}"]`);
                    const m = el && el.textContent.match(/(\d+(?:[.,]\d+)?)\s*%/);
                    return !!m && Math.abs(parseFloat(m[1].replace(',', '.')) - expected) <= 0.051;
                }
                """,
                new object[] { testId, (double)(expected * 100) },
                new PageWaitForFunctionOptions { Timeout = Milliseconds(timeout), PollingInterval = 20 });
        }
        catch (TimeoutException e)
        {
            string shown;
            try
            {
                shown = await page.GetByTestId(testId).First.InnerTextAsync(new LocatorInnerTextOptions { Timeout = 1_000 });
            }
            catch (TimeoutException)
            {
                shown = "(no such element)";
            }
            throw new TimeoutException($"{page.Url}: [data-testid={testId}] still shows '{shown}', expected {expected:P2}, after {timeout.TotalMilliseconds:N0} ms.", e);
        }
    }

    /// <summary>Waits until a numeric attribute exceeds <paramref name="than"/>.</summary>
    protected static Task WaitForAttributeAboveAsync(IPage page, string testId, string attribute, double than, TimeSpan timeout) =>
        page.WaitForFunctionAsync(
            """
            ([id, attribute, than]) => {
                const el = document.querySelector(`[data-testid="${id}"]`);
                return !!el && Number(el.getAttribute(attribute)) > than;
            }
            """,
            new object[] { testId, attribute, than },
            new PageWaitForFunctionOptions { Timeout = Milliseconds(timeout), PollingInterval = 20 });

    protected static async Task<double> NumberAttributeAsync(IPage page, string testId, string attribute)
    {
        var value = await page.GetByTestId(testId).GetAttributeAsync(attribute);
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new InvalidOperationException($"[data-testid={testId}] has {attribute}='{value}', not a number.");
    }

    /// <summary>At least 1 ms: Playwright reads a 0 timeout as "wait forever".</summary>
    protected static float Milliseconds(TimeSpan timeout) => (float)Math.Max(1, timeout.TotalMilliseconds);

    /// <summary>Polls the database (deadline, no fixed sleep) for the account's latest trade on the market.</summary>
    protected async Task<Trade> WaitForTradeAsync(int accountId, int marketId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using (var db = await App.Contexts.CreateDbContextAsync())
            {
                var trade = await db.Trades.AsNoTracking().Where(t => t.AccountId == accountId && t.MarketId == marketId)
                    .OrderByDescending(t => t.Id).FirstOrDefaultAsync();
                if (trade is not null) return trade;
            }
            if (DateTime.UtcNow > deadline) Assert.Fail($"No trade by account {accountId} on market {marketId} within {timeout.TotalSeconds} s.");
            await Task.Delay(20);
        }
    }
}
