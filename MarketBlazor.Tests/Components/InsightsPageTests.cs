using Bunit;
using MarketBlazor.App.Components.Pages.Insights;
using MarketBlazor.App.Operations.Insights;
using MarketBlazor.Data;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Insights;
using MarketBlazor.Data.Trading;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Npgsql;

namespace MarketBlazor.Tests.Components;

public class InsightsPageTests(DatabaseFixture database) : DatabaseTest(database)
{
    private static async Task<MudTestContext> ContextAsync(DatabaseFixture database, QueryInsightsReader reader)
    {
        var context = await MudTestContext.StartAsync(database);
        context.Services.AddSingleton(reader);
        // Follows no meter: these tests are about the statistics, the window has tests of its own.
        context.Services.AddSingleton(new LiveMetrics(TimeProvider.System, _ => false));
        return context;
    }

    [Fact]
    public async Task The_page_lists_the_trade_statement_after_orders_were_placed()
    {
        var market = await Data.MarketAsync();
        var account = await Data.AccountAsync();
        var reader = new QueryInsightsReader(Database.Contexts);
        // Only the statements since this test began: the shared database's earlier ones would crowd the top.
        await reader.ResetStatementsAsync(CancellationToken.None);
        await using var context = await ContextAsync(Database, reader);
        for (var i = 0; i < 3; i++) await MudTestContext.FillAsync(context.Trades, account.Id, market.Id, Side.No, TradeAction.Buy, 5);

        var page = context.Render<InsightsPage>();

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=insights-sql]"),
            cell => (cell.GetAttribute("title") ?? "").Contains("INSERT INTO trades", StringComparison.Ordinal)), MudTestContext.Patience);
        Assert.Empty(page.FindAll("[data-testid=insights-unavailable]"));
        Assert.NotEmpty(page.FindAll("[data-testid=insights-latency] svg"));
    }

    [Fact]
    public async Task Reset_asks_first_and_then_starts_the_statistics_afresh()
    {
        var market = await Data.MarketAsync();
        var account = await Data.AccountAsync();
        var reader = new QueryInsightsReader(Database.Contexts);
        await reader.ResetStatementsAsync(CancellationToken.None);
        await using var context = await ContextAsync(Database, reader);
        await MudTestContext.FillAsync(context.Trades, account.Id, market.Id, Side.Yes, TradeAction.Buy, 5);
        var dialogs = context.Render<MudDialogProvider>();
        var page = context.Render<InsightsPage>();
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=insights-sql]"), c => (c.GetAttribute("title") ?? "").Contains("INSERT INTO trades", StringComparison.Ordinal)), MudTestContext.Patience);

        var cancelled = EnabledResetButton(page).ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Forget every statement", dialogs.Markup), MudTestContext.Patience);
        await DialogButton(dialogs, "Cancel").ClickAsync(new());
        await cancelled;
        // The next question opens only once this one has closed.
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Forget every statement", dialogs.Markup), MudTestContext.Patience);
        Assert.Contains(page.FindAll("[data-testid=insights-sql]"), c => (c.GetAttribute("title") ?? "").Contains("INSERT INTO trades", StringComparison.Ordinal));

        var confirmed = EnabledResetButton(page).ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Forget every statement", dialogs.Markup), MudTestContext.Patience);
        await DialogButton(dialogs, "Reset").ClickAsync(new());
        await confirmed;

        page.WaitForAssertion(() => Assert.DoesNotContain(page.FindAll("[data-testid=insights-sql]"),
            c => (c.GetAttribute("title") ?? "").Contains("INSERT INTO trades", StringComparison.Ordinal)), MudTestContext.Patience);
    }

    [Fact]
    public async Task A_server_without_pg_stat_statements_gets_a_clear_notice()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync("marketblazor_insights_page_none");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand("DROP EXTENSION IF EXISTS pg_stat_statements", connection);
            await drop.ExecuteNonQueryAsync();
        }
        await using var context = await ContextAsync(Database, new QueryInsightsReader(MarketDbOptions.PooledFactory(connectionString)));

        var page = context.Render<InsightsPage>();

        page.WaitForAssertion(() => Assert.Contains("pg_stat_statements is not available on this server",
            page.Find("[data-testid=insights-unavailable]").TextContent), MudTestContext.Patience);
        Assert.True(ResetButton(page).HasAttribute("disabled"));
    }

    private static AngleSharp.Dom.IElement ResetButton(IRenderedComponent<InsightsPage> page) =>
        page.Find("button[data-testid=insights-reset], [data-testid=insights-reset] button");

    /// <summary>The button is disabled while statistics load (the page reloads them by itself), and a click on it then does nothing.</summary>
    private static AngleSharp.Dom.IElement EnabledResetButton(IRenderedComponent<InsightsPage> page)
    {
        page.WaitForAssertion(() => Assert.False(ResetButton(page).HasAttribute("disabled")), MudTestContext.Patience);
        return ResetButton(page);
    }

    private static AngleSharp.Dom.IElement DialogButton(IRenderedComponent<MudDialogProvider> dialogs, string text) =>
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text);
}
