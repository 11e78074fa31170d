using Bunit;
using MarketBlazor.App.Components.Pages.CreateMarket;
using MarketBlazor.App.Components.Pages.Market;
using MarketBlazor.App.Components.Pages.Markets;
using MarketBlazor.App.Components.Pages.Portfolio;
using MarketBlazor.App.Components.Shared;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Lifecycle;
using MarketBlazor.Data.Trading;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MarketBlazor.Tests.Components;

/// <summary>The UI of issue 9: launching, managing and following a market to its end.</summary>
public class MarketLifecycleUiTests(DatabaseFixture database) : DatabaseTest(database)
{
    private static string Id(string testId) => $"[data-testid=\"{testId}\"]";

    /// <summary>MudTextField puts its attributes on the input itself; MudNumericField on a wrapper.</summary>
    private static string TextBox(string testId) => $"input{Id(testId)}, {Id(testId)} input";

    [Fact]
    public async Task The_create_form_shows_the_subsidy_for_the_probability_and_liquidity_and_the_creators_cash()
    {
        var creator = await Data.AccountAsync(1_000m);
        await using var context = await MudTestContext.StartAsync(Database);
        context.SignInAs(creator);

        var page = context.Render<CreateMarketPage>();

        page.WaitForAssertion(() => Assert.Equal(Format.Money(MarketLaunch.Plan(0.5m, 100m).Subsidy), page.Find(Id("create-subsidy")).TextContent));
        Assert.Equal("69.31", page.Find(Id("create-subsidy")).TextContent); // 100·ln 2
        Assert.Equal("1,000.00", page.Find(Id("create-cash")).TextContent);

        page.Find($"{Id("create-liquidity-250")}").Click();
        page.Find(TextBox("create-probability")).Input("20");

        page.WaitForAssertion(() =>
        {
            var subsidy = MarketLaunch.Plan(0.2m, 250m).Subsidy;
            Assert.Equal(Format.Money(subsidy), page.Find(Id("create-subsidy")).TextContent);
            Assert.Equal(Format.Money(1_000m - subsidy), page.Find(Id("create-cash-after")).TextContent);
        });
    }

    [Theory]
    [InlineData("Too short", null, null, "Question must be 10 to 200 characters")]
    [InlineData("Will this question pass the rules?", "2020-01-01T00:00", null, "The close time must be in the future")]
    [InlineData("Will this question pass the rules?", null, "0", "The initial probability must be between 1% and 99%")]
    public async Task The_create_form_refuses_bad_input_with_a_message_and_writes_nothing(string question, string? closesAt, string? percent, string message)
    {
        var creator = await Data.AccountAsync(1_000m);
        await using var context = await MudTestContext.StartAsync(Database);
        context.SignInAs(creator);
        var before = await Data.CountsAsync();
        var page = context.Render<CreateMarketPage>();
        page.WaitForElement(Id("create-form"));

        page.Find(TextBox("create-question")).Input(question);
        if (closesAt is not null) page.Find(TextBox("create-closes-at")).Input(closesAt);
        if (percent is not null) page.Find(TextBox("create-probability")).Input(percent);
        page.Find(Id("create-review")).Click();

        page.WaitForAssertion(() => Assert.Contains(message, page.Find(Id("create-problem")).TextContent));
        Assert.Empty(page.FindAll(Id("create-confirm")));
        Assert.Equal(before, await Data.CountsAsync());
    }

    [Fact]
    public async Task Launching_without_the_cash_for_the_subsidy_is_refused_with_the_amount()
    {
        var creator = await Data.AccountAsync(20m);
        await using var context = await MudTestContext.StartAsync(Database);
        context.SignInAs(creator);
        var before = await Data.CountsAsync();
        var page = context.Render<CreateMarketPage>();
        page.WaitForElement(Id("create-form"));

        page.Find(TextBox("create-question")).Input("Will a poor creator launch this?");
        page.Find(Id("create-review")).Click();

        page.WaitForAssertion(() => Assert.Contains("Insufficient funds: launching this market costs a subsidy of Ⓜ69.31 and your cash is Ⓜ20.00",
            page.Find(Id("create-problem")).TextContent));
        Assert.Equal(before, await Data.CountsAsync());
    }

    [Fact]
    public async Task Confirming_launches_the_market_and_goes_to_it()
    {
        var creator = await Data.AccountAsync(1_000m);
        await using var context = await MudTestContext.StartAsync(Database);
        context.SignInAs(creator);
        var page = context.Render<CreateMarketPage>();
        page.WaitForElement(Id("create-form"));

        page.Find(TextBox("create-question")).Input("Will the create page launch this market?");
        page.Find(Id("create-review")).Click();
        Assert.Contains("69.31", page.Find(Id("create-confirmation")).TextContent);
        await page.Find(Id("create-confirm")).ClickAsync(new());

        var navigation = context.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.EndsWith("/markets/will-the-create-page-launch-this-market", navigation.Uri), MudTestContext.Patience);
        var launched = context.Board.MarketBySlug("will-the-create-page-launch-this-market");
        Assert.NotNull(launched);
        Assert.Equal(creator.Id, launched.CreatorAccountId);
        // The board's Launch does not move the creator's balance (MarketBoard, not this UI's code), so the database is asked.
        await using var db = await Database.Contexts.CreateDbContextAsync();
        Assert.Equal(1_000m - MarketLaunch.Plan(0.5m, 100m).Subsidy, (await db.Accounts.FindAsync(creator.Id))!.Balance);
    }

    [Fact]
    public async Task A_description_is_rendered_as_markdown_with_html_inert_and_links_nofollow_noopener()
    {
        var creator = await Data.AccountAsync(1_000m);
        await using var context = await MudTestContext.StartAsync(Database);
        var proposal = Lifecycles.Proposal("Will the description stay harmless?") with
        {
            Description = "**Bold** <script>alert('x')</script> <img src=x onerror=alert(1)> [source](https://example.com) [bad](javascript:alert(1))",
        };
        var created = Assert.IsType<MarketCreated>(await context.Lifecycle.CreateAsync(proposal, creator.Id));

        var page = context.Render<MarketPage>(parameters => parameters.Add(p => p.Slug, created.Market.Slug));

        var description = page.Find(Id("market-description"));
        Assert.Equal("Bold", description.QuerySelector("strong")!.TextContent);
        Assert.Null(description.QuerySelector("script"));
        Assert.Null(description.QuerySelector("img"));
        Assert.Contains("<script>alert('x')</script>", description.TextContent); // shown as text
        var links = description.QuerySelectorAll("a");
        Assert.Equal("https://example.com", links[0].GetAttribute("href"));
        Assert.Contains("nofollow", links[0].GetAttribute("rel")!);
        Assert.Contains("noopener", links[0].GetAttribute("rel")!);
        Assert.DoesNotContain("javascript", links[1].GetAttribute("href")!);
    }

    [Fact]
    public async Task The_resolve_panel_shows_to_the_creator_and_not_to_other_traders()
    {
        var creator = await Data.AccountAsync(1_000m);
        var other = await Data.AccountAsync(1_000m);
        await using var context = await MudTestContext.StartAsync(Database);
        var created = Assert.IsType<MarketCreated>(await context.Lifecycle.CreateAsync(Lifecycles.Proposal(), creator.Id));
        var page = context.Render<MarketPage>(parameters => parameters.Add(p => p.Slug, created.Market.Slug));
        Assert.Empty(page.FindAll(Id("resolve-panel")));

        context.SignInAs(other);
        page.WaitForElement(Id("ticket-submit"), MudTestContext.Patience);
        Assert.Empty(page.FindAll(Id("resolve-panel")));

        context.SignInAs(creator);
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(Id("resolve-panel"))), MudTestContext.Patience);
    }

    [Fact]
    public async Task The_resolve_panel_shows_to_an_admin_who_did_not_create_the_market()
    {
        var creator = await Data.AccountAsync(1_000m);
        var admin = await Data.AccountAsync(1_000m);
        await using var context = await MudTestContext.StartAsync(Database);
        var created = Assert.IsType<MarketCreated>(await context.Lifecycle.CreateAsync(Lifecycles.Proposal(), creator.Id));
        context.SignInAsAdmin(admin);

        var page = context.Render<MarketPage>(parameters => parameters.Add(p => p.Slug, created.Market.Slug));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(Id("resolve-panel"))), MudTestContext.Patience);
    }

    [Fact]
    public async Task Resolving_from_the_panel_asks_for_confirmation_and_reports_the_settlement()
    {
        var creator = await Data.AccountAsync(1_000m);
        var trader = await Data.AccountAsync(1_000m);
        await using var context = await MudTestContext.StartAsync(Database);
        var created = Assert.IsType<MarketCreated>(await context.Lifecycle.CreateAsync(Lifecycles.Proposal(), creator.Id));
        var bought = await MudTestContext.FillAsync(context.Trades, trader.Id, created.Market.Id, Side.Yes, TradeAction.Buy, 10);
        var dialogs = context.Render<MudDialogProvider>();
        context.SignInAs(creator);
        var page = context.Render<MarketPage>(parameters => parameters.Add(p => p.Slug, created.Market.Slug));
        page.WaitForElement(Id("resolve-panel"));

        // The click's handler waits for the dialog's answer, so it is awaited only after answering.
        var clicked = page.Find(Id("resolve-submit")).ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Resolve this market?", dialogs.Markup), MudTestContext.Patience);
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Resolve").ClickAsync(new());
        await clicked;

        page.WaitForAssertion(() =>
        {
            Assert.Equal("yes", page.Find(Id("resolution-banner")).GetAttribute("data-outcome"));
            Assert.Empty(page.FindAll(Id("resolve-panel")));
        }, MudTestContext.Patience);
        var report = Assert.Single(context.SnackbarMessages, m => m.StartsWith("Resolved Yes", StringComparison.Ordinal));
        Assert.Contains($"1 positions paid {Format.Cash(bought.Trade.Shares)} in total", report);
    }

    [Fact]
    public async Task A_resolution_through_the_broadcaster_turns_on_the_banner_and_closes_the_ticket_on_the_open_page()
    {
        var creator = await Data.AccountAsync(1_000m);
        var trader = await Data.AccountAsync(1_000m);
        await using var context = await MudTestContext.StartAsync(Database);
        var created = Assert.IsType<MarketCreated>(await context.Lifecycle.CreateAsync(Lifecycles.Proposal(), creator.Id));
        context.SignInAs(trader);
        var page = context.Render<MarketPage>(parameters => parameters.Add(p => p.Slug, created.Market.Slug));
        page.WaitForElement(Id("ticket-submit"));
        var instance = page.Instance;
        Assert.Empty(page.FindAll(Id("resolution-banner")));

        Assert.IsType<MarketClosed>(await context.Lifecycle.CloseAsync(created.Market.Id, new MarketActor(creator.Id, false)));
        page.WaitForAssertion(() =>
        {
            Assert.Equal("Closed, awaiting resolution.", page.Find(Id("ticket-closed")).TextContent);
            Assert.Empty(page.FindAll(Id("ticket-submit")));
            Assert.NotEmpty(page.FindAll(Id("closed-banner")));
        }, MudTestContext.Patience);

        Assert.IsType<MarketResolved>(await context.Lifecycle.ResolveAsync(created.Market.Id, new MarketActor(creator.Id, false), Resolution.No));
        page.WaitForAssertion(() =>
        {
            var banner = page.Find(Id("resolution-banner"));
            Assert.Equal("no", banner.GetAttribute("data-outcome"));
            Assert.Contains("Resolved No on", banner.TextContent);
            Assert.Equal("Resolved: trading has ended.", page.Find(Id("ticket-closed")).TextContent);
            Assert.Empty(page.FindAll(Id("ticket-submit")));
        }, MudTestContext.Patience);
        Assert.Same(instance, page.Instance); // the same page, updated live, not rendered anew
    }

    [Fact]
    public async Task The_board_filters_open_closed_and_resolved_markets_and_a_new_market_appears_live()
    {
        var open = await Data.MarketAsync();
        var closed = await Data.MarketAsync(status: MarketStatus.Closed);
        var creator = await Data.AccountAsync(1_000m);
        await using var context = await MudTestContext.StartAsync(Database);
        var resolved = Assert.IsType<MarketCreated>(await context.Lifecycle.CreateAsync(Lifecycles.Proposal("Was this market resolved before the board opened?"), creator.Id)).Market;
        Assert.IsType<MarketResolved>(await context.Lifecycle.ResolveAsync(resolved.Id, new MarketActor(creator.Id, true), Resolution.Yes));
        var board = context.Render<MarketsPage>();

        string Row(int id) => Id($"market-row-{id}");
        board.WaitForElement(Row(open.Id));
        Assert.Empty(board.FindAll(Row(closed.Id)));
        Assert.Empty(board.FindAll(Row(resolved.Id)));

        var created = Assert.IsType<MarketCreated>(await context.Lifecycle.CreateAsync(Lifecycles.Proposal("Will this new market show up live?"), creator.Id));
        board.WaitForElement(Row(created.Market.Id), MudTestContext.Patience);

        board.Find($"{Id("status-closed")}").Click();
        board.WaitForElement(Row(closed.Id));
        Assert.Empty(board.FindAll(Row(open.Id)));
        Assert.Empty(board.FindAll(Row(resolved.Id)));

        board.Find($"{Id("status-resolved")}").Click();
        board.WaitForElement(Row(resolved.Id));
        Assert.Empty(board.FindAll(Row(closed.Id)));

        // Resolving the new market moves it to the Resolved list on this board, live.
        Assert.IsType<MarketResolved>(await context.Lifecycle.ResolveAsync(created.Market.Id, new MarketActor(creator.Id, false), Resolution.Na));
        board.WaitForElement(Row(created.Market.Id), MudTestContext.Patience);
    }

    [Fact]
    public async Task The_portfolio_shows_the_payout_live_in_resolved_positions_and_the_cash_history()
    {
        var creator = await Data.AccountAsync(1_000m);
        var trader = await Data.AccountAsync(1_000m);
        await using var context = await MudTestContext.StartAsync(Database);
        var created = Assert.IsType<MarketCreated>(await context.Lifecycle.CreateAsync(Lifecycles.Proposal(), creator.Id));
        var marketId = created.Market.Id;
        var bought = await MudTestContext.FillAsync(context.Trades, trader.Id, marketId, Side.Yes, TradeAction.Buy, 10);
        context.SignInAs(trader);
        var page = context.Render<PortfolioPage>();
        page.WaitForElement($"{Id("cash-history")} {Id("cash-line")}[data-kind=\"trade\"]", MudTestContext.Patience);
        Assert.Empty(page.FindAll("[data-kind=\"payout\"]"));

        Assert.IsType<MarketResolved>(await context.Lifecycle.ResolveAsync(marketId, new MarketActor(creator.Id, false), Resolution.Yes));

        page.WaitForAssertion(() =>
        {
            var payout = page.Find($"{Id("cash-line")}[data-kind=\"payout\"]");
            Assert.Equal(Format.SignedMoney(bought.Trade.Shares), payout.QuerySelector(Id("cash-line-amount"))!.TextContent);
            Assert.Equal(Format.Money(bought.Trade.Shares), page.Find(Id($"resolved-payout-{marketId}")).TextContent);
            Assert.Equal(Format.Money(1_000m - 10m + bought.Trade.Shares), page.Find(Id("portfolio-balance")).TextContent);
            Assert.Empty(page.FindAll(Id($"position-{marketId}")));
        }, MudTestContext.Patience);
        // Line by line: the newest line's balance is the account's balance.
        Assert.Contains(Format.Money(1_000m - 10m + bought.Trade.Shares), page.FindAll(Id("cash-line"))[0].TextContent);
    }
}
