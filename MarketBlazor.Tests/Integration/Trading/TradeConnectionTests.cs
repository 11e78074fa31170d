using MarketBlazor.Data;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MarketBlazor.Tests.Integration.Trading;

/// <summary>What the trade path's connections spare PostgreSQL: the session reset on every open, and planning a lone order's read again for every order.</summary>
public class TradeConnectionTests(DatabaseFixture database) : DatabaseTest(database)
{
    [Fact]
    public void Trade_path_settings_skip_the_session_reset_and_prepare_statements()
    {
        var settings = new NpgsqlConnectionStringBuilder(MarketDbOptions.WithTradePathSettings("Host=127.0.0.1;Database=trades"));

        Assert.True(settings.NoResetOnClose);
        Assert.Equal(20, settings.MaxAutoPrepare);
        Assert.Equal(2, settings.AutoPrepareMinUsages);
        Assert.Equal(MarketDbOptions.TradePathCommandTimeout, settings.CommandTimeout);
    }

    [Fact]
    public async Task Ef_core_commands_and_commit_share_the_connections_timeout_so_npgsql_never_changes_the_socket()
    {
        await using var db = await MarketDbOptions.PooledFactory(Database.ConnectionString).CreateDbContextAsync();

        // Unset on EF Core's side: every command, COMMIT included, runs with the connection's own.
        Assert.Null(db.Database.GetCommandTimeout());
        Assert.Equal(MarketDbOptions.TradePathCommandTimeout, new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()).CommandTimeout);
    }

    [Fact]
    public void A_connection_string_that_sets_its_own_auto_prepare_keeps_it_and_still_skips_the_reset()
    {
        var settings = new NpgsqlConnectionStringBuilder(
            MarketDbOptions.WithTradePathSettings("Host=127.0.0.1;Database=trades;Max Auto Prepare=5;Auto Prepare Min Usages=3"));

        Assert.True(settings.NoResetOnClose);
        Assert.Equal(5, settings.MaxAutoPrepare);
        Assert.Equal(3, settings.AutoPrepareMinUsages);
    }

    [Fact]
    public async Task The_pooled_contexts_connect_with_the_trade_path_settings()
    {
        await using var db = await MarketDbOptions.PooledFactory(Database.ConnectionString).CreateDbContextAsync();

        var settings = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());

        Assert.True(settings.NoResetOnClose);
        Assert.Equal(20, settings.MaxAutoPrepare);
    }

    [Fact]
    public async Task A_pooled_connection_goes_back_to_the_pool_without_the_session_reset()
    {
        // One connection, so the second context gets the first one's session.
        var contexts = MarketDbOptions.PooledFactory(Database.ConnectionString + ";Maximum Pool Size=1");
        await using (var first = await contexts.CreateDbContextAsync())
            await first.Database.SqlQueryRaw<string>("SELECT set_config('application_name', 'left by the first context', false) AS \"Value\"").ToListAsync();

        await using var second = await contexts.CreateDbContextAsync();
        var names = await second.Database.SqlQueryRaw<string>("SELECT current_setting('application_name') AS \"Value\"").ToListAsync();

        // With the reset, Npgsql's RESET ALL would have restored the default before the second context's query.
        Assert.Equal("left by the first context", Assert.Single(names));
    }

    [Fact]
    public async Task A_lone_orders_read_names_its_account_by_a_scalar_and_postgres_keeps_one_plan_for_it()
    {
        var market = await Data.MarketAsync();
        var account = await Data.AccountAsync();
        var commands = new QueryCounter();
        // One connection, so every order's read is prepared on the session whose plans are inspected below.
        var contexts = MarketDbOptions.PooledFactory(Database.ConnectionString + ";Maximum Pool Size=1", commands);
        var service = TradeServices.Service(contexts);

        for (var i = 0; i < 10; i++)
        {
            var result = await service.PlaceOrderAsync(new OrderRequest(account.Id, market.Id, Side.Yes, TradeAction.Buy, 1, 0.5, 0, 0.5));
            Assert.IsType<OrderFilled>(result);
        }

        var read = commands.Commands.First(c => c.Contains("FROM markets AS m", StringComparison.Ordinal));
        Assert.DoesNotContain("ANY", read);
        Assert.Matches(@"\.id = \$\d", read);
        await using var db = await contexts.CreateDbContextAsync();
        var plans = await db.Database.SqlQueryRaw<PreparedPlans>(
            "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements").ToListAsync();
        var described = string.Join("\n", plans.Select(p => $"generic {p.GenericPlans}, custom {p.CustomPlans}: {p.Statement[..Math.Min(80, p.Statement.Length)]}"));
        // PostgreSQL tries five custom plans, then keeps the generic one when it is no worse; an ANY(@ids) read never got there.
        var readPlan = Assert.Single(plans, p => p.Statement.Contains("FROM markets AS m", StringComparison.Ordinal));
        Assert.True(readPlan.GenericPlans > 0, described);
        var writePlan = Assert.Single(plans, p => p.Statement.Contains("WITH accounts AS", StringComparison.Ordinal));
        Assert.True(writePlan.GenericPlans > 0, described);
    }

    private sealed class PreparedPlans
    {
        public string Statement { get; init; } = "";
        public long GenericPlans { get; init; }
        public long CustomPlans { get; init; }
    }
}
