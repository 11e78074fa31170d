using MarketBlazor.Data.Queries;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MarketBlazor.Data.Insights;

/// <summary>
/// Reads the server's own statistics for the admin insights page: pg_stat_statements (top statements
/// of this database) and the table and index usage counters. Each call is one short-lived context
/// with the read timeout, so a stalled server fails the page's refresh instead of holding it.
/// </summary>
public sealed class QueryInsightsReader(IDbContextFactory<MarketDbContext> contexts)
{
    /// <summary>The <paramref name="count"/> statements of this database that took the most time in total.</summary>
    public async Task<StatementReport> TopStatementsAsync(int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        await using var db = await contexts.CreateReadContextAsync(cancellationToken);
        var connection = await OpenAsync(db, cancellationToken);
        if (!await HasStatementStatisticsAsync(connection, cancellationToken)) return StatementReport.Unavailable;
        // One row per statement: pg_stat_statements keeps one per role and nesting level.
        await using var command = Command(connection, """
            SELECT queryid, min(query), sum(calls)::bigint, sum(total_exec_time), sum(total_exec_time) / nullif(sum(calls), 0), sum(rows)::bigint
            FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND queryid IS NOT NULL
            GROUP BY queryid
            ORDER BY sum(total_exec_time) DESC
            LIMIT @count
            """);
        command.Parameters.AddWithValue("count", count);
        try
        {
            var statements = new List<StatementStatistics>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                statements.Add(new StatementStatistics(
                    reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetDouble(3),
                    reader.IsDBNull(4) ? 0 : reader.GetDouble(4), reader.GetInt64(5)));
            }
            return new StatementReport(true, statements);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectNotInPrerequisiteState)
        {
            // Created but not in shared_preload_libraries: the view exists and refuses to be read.
            return StatementReport.Unavailable;
        }
    }

    /// <summary>Starts the statement statistics afresh (every database's). False when the server has none to reset.</summary>
    public async Task<bool> ResetStatementsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateReadContextAsync(cancellationToken);
        var connection = await OpenAsync(db, cancellationToken);
        if (!await HasStatementStatisticsAsync(connection, cancellationToken)) return false;
        await using var command = Command(connection, "SELECT pg_stat_statements_reset()");
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectNotInPrerequisiteState)
        {
            return false;
        }
    }

    /// <summary>Tables read mostly by sequential scans under load, then indexes no read has used.</summary>
    public async Task<IReadOnlyList<IndexSuggestion>> SuggestionsAsync(SuggestionThresholds thresholds, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateReadContextAsync(cancellationToken);
        var connection = await OpenAsync(db, cancellationToken);
        var suggestions = new List<IndexSuggestion>();
        var statementsKnown = await HasStatementStatisticsAsync(connection, cancellationToken);

        await using (var scanned = Command(connection, """
            SELECT relname, seq_scan, seq_tup_read, coalesce(idx_scan, 0), n_live_tup
            FROM pg_stat_user_tables
            WHERE n_live_tup >= @rows AND seq_scan >= @scans AND seq_scan > coalesce(idx_scan, 0)
            ORDER BY seq_tup_read DESC, relname
            """))
        {
            scanned.Parameters.AddWithValue("rows", thresholds.MinimumLiveRows);
            scanned.Parameters.AddWithValue("scans", thresholds.MinimumSequentialScans);
            var tables = new List<(string Table, long SeqScans, long RowsRead, long IndexScans, long LiveRows)>();
            await using (var reader = await scanned.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                    tables.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
            }
            foreach (var (table, seqScans, rowsRead, indexScans, liveRows) in tables)
            {
                var statement = statementsKnown ? await CostliestStatementReadingAsync(connection, table, cancellationToken) : null;
                suggestions.Add(new IndexSuggestion(SuggestionKind.SequentialScans, table, null,
                    $"{table} ({liveRows:N0} rows) was read by {seqScans:N0} sequential scans ({rowsRead:N0} rows read) and only {indexScans:N0} index scans: " +
                    "a statement that filters or joins it probably lacks an index on the columns it uses.",
                    statement));
            }
        }

        await using (var unused = Command(connection, """
            SELECT s.relname, s.indexrelname, pg_relation_size(s.indexrelid)
            FROM pg_stat_user_indexes s
            JOIN pg_index i ON i.indexrelid = s.indexrelid
            WHERE s.idx_scan = 0 AND NOT i.indisunique AND NOT i.indisprimary
            ORDER BY pg_relation_size(s.indexrelid) DESC, s.relname, s.indexrelname
            """))
        {
            await using var reader = await unused.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var (table, index, bytes) = (reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
                suggestions.Add(new IndexSuggestion(SuggestionKind.UnusedIndex, table, index,
                    $"{index} on {table} ({bytes / 1024.0:N0} KiB) has not served a single read since the statistics were reset: " +
                    "if that covers a representative load, dropping it makes every write to the table cheaper."));
            }
        }
        return suggestions;
    }

    /// <summary>Statements that read rows (not TRUNCATE, COPY or DDL, which also name the table).</summary>
    private static async Task<string?> CostliestStatementReadingAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, """
            SELECT query FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                AND query ~* '^\s*(select|with|update|delete)\M' AND query ~* ('\m' || @table || '\M')
            ORDER BY total_exec_time DESC
            LIMIT 1
            """);
        command.Parameters.AddWithValue("table", table);
        try
        {
            return await command.ExecuteScalarAsync(cancellationToken) as string;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectNotInPrerequisiteState)
        {
            return null;
        }
    }

    private static async Task<NpgsqlConnection> OpenAsync(MarketDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return (NpgsqlConnection)db.Database.GetDbConnection();
    }

    private static async Task<bool> HasStatementStatisticsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements')");
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql) =>
        new(sql, connection) { CommandTimeout = (int)ReadContexts.CommandTimeout.TotalSeconds };
}
