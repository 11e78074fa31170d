using MarketBlazor.Data;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Insights;
using MarketBlazor.Data.Trading;
using MarketBlazor.Tests.Components;
using MarketBlazor.Tests.Infrastructure;
using Npgsql;

namespace MarketBlazor.Tests.Insights;

/// <summary>The insights readers on the test cluster's real statistics (which preloads pg_stat_statements like the dev cluster).</summary>
public class QueryInsightsTests(DatabaseFixture database) : DatabaseTest(database)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task The_cluster_preloads_pg_stat_statements_and_the_migration_creates_it()
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var preload = new NpgsqlCommand("SHOW shared_preload_libraries", connection);
        Assert.Contains("pg_stat_statements", (string)(await preload.ExecuteScalarAsync())!);
        await using var extension = new NpgsqlCommand("SELECT count(*) FROM pg_extension WHERE extname = 'pg_stat_statements'", connection);
        Assert.Equal(1L, await extension.ExecuteScalarAsync());
    }

    [Fact]
    public async Task The_trade_statement_is_listed_after_orders_and_gone_after_a_reset()
    {
        var market = await Data.MarketAsync();
        var account = await Data.AccountAsync();
        var reader = new QueryInsightsReader(Database.Contexts);
        Assert.True(await reader.ResetStatementsAsync(CancellationToken.None));
        var trades = TradeServices.Service(Database.Contexts);
        for (var i = 0; i < 3; i++) await MudTestContext.FillAsync(trades, account.Id, market.Id, Side.Yes, TradeAction.Buy, 5);

        var report = await reader.TopStatementsAsync(100, CancellationToken.None);

        Assert.True(report.Available);
        var trade = Assert.Single(report.Statements, s => s.Query.Contains("INSERT INTO trades", StringComparison.Ordinal));
        Assert.True(trade.Calls >= 1 && trade.Rows >= 1, $"calls {trade.Calls}, rows {trade.Rows}");
        Assert.Equal(report.Statements.OrderByDescending(s => s.TotalMilliseconds).Select(s => s.QueryId), report.Statements.Select(s => s.QueryId));
        Assert.True(report.Statements.Count <= 100);

        Assert.True(await reader.ResetStatementsAsync(CancellationToken.None));

        var after = await reader.TopStatementsAsync(100, CancellationToken.None);
        Assert.DoesNotContain(after.Statements, s => s.Query.Contains("INSERT INTO trades", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_count_of_zero_statements_is_refused()
    {
        var reader = new QueryInsightsReader(Database.Contexts);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => reader.TopStatementsAsync(0, CancellationToken.None));
    }

    [Fact]
    public async Task Without_the_extension_the_reader_says_the_statistics_are_unavailable()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync("marketblazor_insights_none");
        await ExecuteAsync(connectionString, "DROP EXTENSION IF EXISTS pg_stat_statements");
        var reader = new QueryInsightsReader(MarketDbOptions.PooledFactory(connectionString));

        Assert.Same(StatementReport.Unavailable, await reader.TopStatementsAsync(10, CancellationToken.None));
        Assert.False(await reader.ResetStatementsAsync(CancellationToken.None));
        // Table and index suggestions need only the built-in statistics.
        Assert.NotNull(await reader.SuggestionsAsync(SuggestionThresholds.Default, CancellationToken.None));
    }

    [Fact]
    public async Task A_table_read_by_sequential_scans_and_an_unused_index_are_suggested_until_the_statistics_say_otherwise()
    {
        // A database of its own: table statistics are per database and others' tests would blur them.
        var connectionString = await TestCluster.CreateDatabaseAsync("marketblazor_insights_scans");
        var contexts = MarketDbOptions.PooledFactory(connectionString);
        await ExecuteAsync(connectionString, "TRUNCATE markets CASCADE");
        var data = new TestData(contexts);
        for (var i = 0; i < 120; i++) await data.MarketAsync();
        var thresholds = new SuggestionThresholds(MinimumLiveRows: 100, MinimumSequentialScans: 40);
        var reader = new QueryInsightsReader(contexts);
        // The question has no index: each of these reads the whole table.
        await RepeatAsync(connectionString, "SELECT count(*) FROM markets WHERE question LIKE '%7%'", 60);

        var scanned = await WaitForSuggestionAsync(reader, thresholds, s => s is { Kind: SuggestionKind.SequentialScans, Table: "markets" });

        Assert.Contains("question LIKE", scanned.Statement);
        var unused = await reader.SuggestionsAsync(thresholds, CancellationToken.None);
        Assert.Contains(unused, s => s is { Kind: SuggestionKind.UnusedIndex, Index: "ix_markets_status_closes_at" });
        // Unique and primary-key indexes keep data right whether or not reads use them: never suggested.
        Assert.DoesNotContain(unused, s => s.Index is "pk_markets" or "ix_markets_slug");
        // Under the default thresholds, 120 rows are too few to be worth an index.
        Assert.DoesNotContain(await reader.SuggestionsAsync(SuggestionThresholds.Default, CancellationToken.None), s => s.Kind == SuggestionKind.SequentialScans);

        // Once a read uses the index, and index reads outnumber the scans, both suggestions go.
        await RepeatAsync(connectionString, "SET enable_seqscan = off; SELECT id FROM markets WHERE status = 'open' AND closes_at > now()", 80);
        var deadline = DateTime.UtcNow + Patience;
        IReadOnlyList<IndexSuggestion> now;
        while ((now = await reader.SuggestionsAsync(thresholds, CancellationToken.None)).Any(s => s.Table == "markets" && s.Index is null or "ix_markets_status_closes_at"))
        {
            Assert.True(DateTime.UtcNow < deadline, "still suggested: " + string.Join(" | ", now.Where(s => s.Table == "markets").Select(s => s.Advice)));
            await Task.Delay(100);
        }
    }

    private static async Task<IndexSuggestion> WaitForSuggestionAsync(QueryInsightsReader reader, SuggestionThresholds thresholds, Func<IndexSuggestion, bool> wanted)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var suggestions = await reader.SuggestionsAsync(thresholds, CancellationToken.None);
            if (suggestions.FirstOrDefault(wanted) is { } found) return found;
            Assert.True(DateTime.UtcNow < deadline, "not suggested; got: " + string.Join(" | ", suggestions.Select(s => s.Advice)));
            await Task.Delay(100);
        }
    }

    /// <summary>Runs <paramref name="sql"/> <paramref name="times"/> times on one session, then has the session publish its statistics.</summary>
    private static async Task RepeatAsync(string connectionString, string sql, int times)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        for (var i = 0; i < times; i++)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
        // A session publishes its table statistics when idle, at most once a second unless told to.
        await using var flush = new NpgsqlCommand("SELECT pg_stat_force_next_flush()", connection);
        await flush.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
