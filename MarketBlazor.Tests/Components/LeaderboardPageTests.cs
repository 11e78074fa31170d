using Bunit;
using MarketBlazor.App.Components.Pages.Leaderboard;
using MarketBlazor.Data.Entities;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.Tests.Components;

public class LeaderboardPageTests(DatabaseFixture database) : DatabaseTest(database)
{
    [Fact]
    public async Task Your_own_rank_shows_below_the_top_50_and_people_only_hides_the_bots()
    {
        for (var i = 0; i < 50; i++) await Data.AccountAsync(2_000m);
        var bot = await Data.AccountAsync(5_000m);
        await using (var db = await Database.Contexts.CreateDbContextAsync())
            await db.Accounts.Where(a => a.Id == bot.Id).ExecuteUpdateAsync(a => a.SetProperty(x => x.IsSimulated, true));
        var me = await Data.AccountAsync(1_000m);
        await using var context = await MudTestContext.StartAsync(Database);
        context.SignInAs(me);

        var page = context.Render<LeaderboardPage>();

        page.WaitForAssertion(() =>
        {
            // The bot leads, 50 people follow, and I am 52nd: past the top 50, yet shown with my rank.
            Assert.Equal("1", page.Find($"[data-testid=leader-{bot.Id}]").GetAttribute("data-rank"));
            Assert.NotNull(page.Find($"[data-testid=leader-{bot.Id}] [data-testid=bot-mark]"));
            Assert.Equal("52", page.Find($"[data-testid=leader-{me.Id}]").GetAttribute("data-rank"));
            Assert.Equal(51, page.FindAll("tbody tr[data-rank]").Count);
        }, MudTestContext.Patience);

        page.Find("[data-testid=people-only] input, input[data-testid=people-only]").Change(true);

        page.WaitForAssertion(() =>
        {
            Assert.Empty(page.FindAll($"[data-testid=leader-{bot.Id}]"));
            Assert.Empty(page.FindAll("[data-testid=bot-mark]"));
            Assert.Equal("51", page.Find($"[data-testid=leader-{me.Id}]").GetAttribute("data-rank"));
        }, MudTestContext.Patience);
    }

    [Fact]
    public async Task Inside_the_top_50_your_row_is_not_repeated()
    {
        var other = await Data.AccountAsync(2_000m);
        var me = await Data.AccountAsync(1_000m);
        await using var context = await MudTestContext.StartAsync(Database);
        context.SignInAs(me);

        var page = context.Render<LeaderboardPage>();

        page.WaitForAssertion(() =>
        {
            Assert.Equal("1", page.Find($"[data-testid=leader-{other.Id}]").GetAttribute("data-rank"));
            Assert.Single(page.FindAll($"[data-testid=leader-{me.Id}]"));
            Assert.Equal("true", page.Find($"[data-testid=leader-{me.Id}]").GetAttribute("aria-current"));
            Assert.Empty(page.FindAll("tr.gap"));
        }, MudTestContext.Patience);
    }

    [Fact]
    public async Task Today_and_week_rank_by_the_profit_made_in_them_and_people_only_still_hides_the_bots()
    {
        var market = await Data.MarketAsync();
        var rich = await Data.AccountAsync(5_000m);
        var paidToday = await Data.AccountAsync(1_000m);
        var paidThreeDaysAgo = await Data.AccountAsync(1_000m);
        var bot = await Data.AccountAsync(1_000m);
        await using (var db = await Database.Contexts.CreateDbContextAsync())
        {
            await db.Accounts.Where(a => a.Id == bot.Id).ExecuteUpdateAsync(a => a.SetProperty(x => x.IsSimulated, true));
            db.CashMovements.AddRange(
                Payout(paidToday, market, 50m, DateTimeOffset.UtcNow, 1),
                Payout(paidThreeDaysAgo, market, 80m, DateTimeOffset.UtcNow.AddDays(-3), 2),
                Payout(bot, market, 500m, DateTimeOffset.UtcNow, 3));
            await db.SaveChangesAsync();
        }
        await using var context = await MudTestContext.StartAsync(Database);
        context.SignInAs(paidToday);
        var page = context.Render<LeaderboardPage>();
        page.WaitForAssertion(() => Assert.Equal("1", page.Find($"[data-testid=leader-{rich.Id}]").GetAttribute("data-rank")), MudTestContext.Patience);
        Assert.Empty(page.FindAll("[data-testid=profit]"));

        page.Find("[data-testid=period-today]").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Equal("1", page.Find($"[data-testid=leader-{bot.Id}]").GetAttribute("data-rank"));
            Assert.Equal("2", page.Find($"[data-testid=leader-{paidToday.Id}]").GetAttribute("data-rank"));
            Assert.Equal("+Ⓜ50.00", page.Find($"[data-testid=leader-{paidToday.Id}] [data-testid=profit]").TextContent.Trim());
            Assert.Equal("Ⓜ0.00", page.Find($"[data-testid=leader-{paidThreeDaysAgo.Id}] [data-testid=profit]").TextContent.Trim());
        }, MudTestContext.Patience);

        page.Find("[data-testid=people-only] input, input[data-testid=people-only]").Change(true);
        page.WaitForAssertion(() =>
        {
            Assert.Empty(page.FindAll($"[data-testid=leader-{bot.Id}]"));
            Assert.Equal("1", page.Find($"[data-testid=leader-{paidToday.Id}]").GetAttribute("data-rank"));
        }, MudTestContext.Patience);

        page.Find("[data-testid=period-week]").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Equal("1", page.Find($"[data-testid=leader-{paidThreeDaysAgo.Id}]").GetAttribute("data-rank"));
            Assert.Equal("+Ⓜ80.00", page.Find($"[data-testid=leader-{paidThreeDaysAgo.Id}] [data-testid=profit]").TextContent.Trim());
            Assert.Equal("2", page.Find($"[data-testid=leader-{paidToday.Id}]").GetAttribute("data-rank"));
        }, MudTestContext.Patience);
    }

    private static CashMovement Payout(Account account, Market market, decimal amount, DateTimeOffset at, long sequence) =>
        new() { AccountId = account.Id, MarketId = market.Id, Kind = CashMovementKind.Payout, Amount = amount, MarketSequence = sequence, CreatedAt = at };
}
