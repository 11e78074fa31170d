using System.Globalization;
using System.Text.RegularExpressions;
using MarketBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace MarketBlazor.Tests.EndToEnd;

/// <summary>Issue 8 in a real browser: signing up and in, guests, passkeys, and nobody trading as anybody else.</summary>
public sealed class PeopleTests(EndToEndApp app, ITestOutputHelper output) : EndToEndTest(app, output)
{
    [Fact]
    public async Task A_new_person_registers_signs_out_and_signs_in_again()
    {
        var email = $"nora-{Guid.NewGuid():N}"[..16] + "@e2e.test";
        const string password = "Newcomer-Password-9";
        var context = await NewContextAsync(person: null);
        var page = await OpenAsync(context, "/");

        await page.GetByTestId("register").ClickAsync();
        await page.WaitForURLAsync(new Regex("/Account/Register", RegexOptions.IgnoreCase));
        await page.Locator("input[name='Input.Email']").FillAsync(email);
        await page.Locator("input[name='Input.DisplayName']").FillAsync("Newcomer Nora");
        await page.Locator("input[name='Input.Password']").FillAsync(password);
        await page.Locator("input[name='Input.ConfirmPassword']").FillAsync(password);
        await page.Locator("form:has(input[name='Input.ConfirmPassword']) button[type='submit']").ClickAsync();

        await WaitForCircuitAsync(page);
        await Expect(page.GetByTestId("current-user")).ToContainTextAsync("Newcomer Nora");
        await Expect(page.GetByTestId("current-cash")).ToContainTextAsync("1,000");
        await using (var db = await App.Contexts.CreateDbContextAsync())
        {
            var user = await db.Users.Include(u => u.Account).SingleAsync(u => u.Email == email);
            Assert.False(user.IsGuest);
            Assert.Equal(1_000m, user.Account!.Balance);
        }

        await SignOutAsync(page);
        await Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("current-user")).ToHaveCountAsync(0);

        await SignInAsync(page, email, password);
        await Expect(page.GetByTestId("current-user")).ToContainTextAsync("Newcomer Nora");
        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Try_it_now_makes_a_guest_who_trades_at_once()
    {
        var market = World.Quiet;
        var context = await NewContextAsync(person: null);
        var page = await OpenAsync(context, $"/markets/{market.Slug}");
        await Expect(page.GetByTestId("ticket-sign-in")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("ticket-submit")).ToHaveCountAsync(0);

        await page.GetByTestId("try-it-now").First.ClickAsync();
        await WaitForCircuitAsync(page);
        await Expect(page.GetByTestId("current-user")).ToContainTextAsync("Guest");
        Assert.Contains(market.Slug, page.Url, StringComparison.Ordinal);

        await page.GetByTestId("ticket-side-yes").ClickAsync();
        await page.GetByTestId("ticket-action-buy").ClickAsync();
        await SetAmountAsync(page, 5m);
        await Expect(page.GetByTestId("ticket-quote")).ToHaveAttributeAsync("data-sequence", new Regex(@"^\d+$"));
        await page.GetByTestId("ticket-submit").ClickAsync();

        int guestAccount;
        await using (var db = await App.Contexts.CreateDbContextAsync())
        {
            var name = (await page.GetByTestId("current-user").InnerTextAsync()).Trim();
            guestAccount = await db.Users.Where(u => u.IsGuest && u.DisplayName == name).Select(u => u.Account!.Id).SingleAsync();
        }
        var trade = await WaitForTradeAsync(guestAccount, market.Id, TimeSpan.FromSeconds(5));
        Assert.Equal(5m, trade.Amount);
        AssertNoConsoleErrors();
    }

    /// <summary>Chromium's virtual authenticator (CDP WebAuthn domain) stands in for a phone or security key.</summary>
    [Fact]
    public async Task A_passkey_added_on_the_manage_page_signs_in_without_a_password()
    {
        var context = await App.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseUrl, Locale = "en-US" });
        try
        {
            context.SetDefaultTimeout(10_000);
            var page = await context.NewPageAsync();
            Watch(page);
            var cdp = await context.NewCDPSessionAsync(page);
            await cdp.SendAsync("WebAuthn.enable");
            await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
            {
                ["options"] = new Dictionary<string, object>
                {
                    ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true,
                    ["hasUserVerification"] = true, ["isUserVerified"] = true, ["automaticPresenceSimulation"] = true,
                },
            });

            await SignInAsync(page, EndToEndWorld.EmailOf(World.Ivan), EndToEndWorld.Password);
            await page.GotoAsync("/Account/Manage/Passkeys");
            await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { NameRegex = new Regex("add.*passkey", RegexOptions.IgnoreCase) }).ClickAsync();
            await PollAsync(async () =>
            {
                await using var db = await App.Contexts.CreateDbContextAsync();
                var userId = await db.Users.Where(u => u.Account!.Id == World.Ivan.Id).Select(u => u.Id).SingleAsync();
                return await db.UserPasskeys.AnyAsync(p => p.UserId == userId);
            }, "Ivan's passkey was not stored");

            await page.GotoAsync("/");
            await WaitForCircuitAsync(page);
            await SignOutAsync(page);
            // No password from here on. The sign-in page offers the passkey both as a button and as the
            // browser's autofill (conditional mediation), which the virtual authenticator may answer by
            // itself before the click: either way the passkey signs Ivan in.
            await page.GotoAsync("/Account/Login");
            try
            {
                await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { NameRegex = new Regex("passkey", RegexOptions.IgnoreCase) })
                    .ClickAsync(new LocatorClickOptions { Timeout = 5_000 });
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException && !page.Url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase))
            {
                Output.WriteLine("The passkey autofill signed in before the button was clicked.");
            }
            await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
            await WaitForCircuitAsync(page);
            await Expect(page.GetByTestId("current-user")).ToContainTextAsync(World.Ivan.DisplayName);
            // The passkey script logs the browser's refusal of whichever of its two requests (button, autofill) lost the race.
            var errors = ConsoleErrors.Where(e => !e.Contains("NotAllowedError", StringComparison.Ordinal)).ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>The old demo identity lived in localStorage and could be edited; a URL could name an account too. Neither chooses whose money is spent now.</summary>
    [Fact]
    public async Task Tampering_with_storage_or_the_url_still_trades_only_as_the_signed_in_person()
    {
        var market = World.Live;
        var victim = World.Erin;
        var victimBefore = await BalanceAsync(victim.Id);
        var victimTradesBefore = await TradeCountAsync(victim.Id);
        var context = await NewContextAsync(World.Frank);
        await context.AddInitScriptAsync($"localStorage.setItem('marketblazor.account','{victim.Id.ToString(CultureInfo.InvariantCulture)}')");
        var page = await OpenAsync(context, $"/markets/{market.Slug}?accountId={victim.Id}&account={victim.Id}");

        await page.GetByTestId("ticket-side-no").ClickAsync();
        await page.GetByTestId("ticket-action-buy").ClickAsync();
        await SetAmountAsync(page, 7m);
        await Expect(page.GetByTestId("ticket-quote")).ToHaveAttributeAsync("data-sequence", new Regex(@"^\d+$"));
        await page.GetByTestId("ticket-submit").ClickAsync();

        var trade = await WaitForTradeAsync(World.Frank.Id, market.Id, TimeSpan.FromSeconds(5));
        Assert.Equal(7m, trade.Amount);
        Assert.Equal(victimBefore, await BalanceAsync(victim.Id));
        Assert.Equal(victimTradesBefore, await TradeCountAsync(victim.Id));
    }

    [Fact]
    public async Task Signing_out_in_one_tab_stops_trading_in_another()
    {
        var market = World.Quiet;
        var context = await NewContextAsync(World.Judy);
        var trading = await OpenAsync(context, $"/markets/{market.Slug}");
        await Expect(trading.GetByTestId("ticket-submit")).ToBeVisibleAsync();
        var other = await OpenAsync(context, "/");

        await SignOutAsync(other);

        await Expect(trading.GetByTestId("ticket-sign-in")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 5_000 });
        await Expect(trading.GetByTestId("ticket-submit")).ToHaveCountAsync(0);
        await Expect(trading.GetByTestId("current-user")).ToHaveCountAsync(0);
    }

    /// <summary>Sign out sits in the app bar's user menu; the menu is opened first where it is collapsed.</summary>
    private static async Task SignOutAsync(IPage page)
    {
        var signOut = page.GetByTestId("sign-out");
        if (!await signOut.IsVisibleAsync()) await page.GetByTestId("account-menu").ClickAsync();
        await signOut.ClickAsync();
        // Only the signed-out app bar offers "Sign in": the page before the post never shows it.
        await Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();
        await WaitForCircuitAsync(page);
    }

    private async Task<decimal> BalanceAsync(int accountId)
    {
        await using var db = await App.Contexts.CreateDbContextAsync();
        return await db.Accounts.Where(a => a.Id == accountId).Select(a => a.Balance).SingleAsync();
    }

    private async Task<int> TradeCountAsync(int accountId)
    {
        await using var db = await App.Contexts.CreateDbContextAsync();
        return await db.Trades.CountAsync(t => t.AccountId == accountId);
    }

    private static async Task PollAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail(failure);
            await Task.Delay(50);
        }
    }
}
