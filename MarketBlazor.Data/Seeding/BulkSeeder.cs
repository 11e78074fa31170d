using System.Diagnostics;
using MarketBlazor.Data.Entities;
using Npgsql;
using NpgsqlTypes;

namespace MarketBlazor.Data.Seeding;

/// <summary>
/// Fills an empty marketplace with demo users, markets and trades: simulated in memory, then
/// written with one binary COPY per table in a single transaction, which is far faster than
/// inserting through EF and leaves nothing half-written if anything fails.
/// </summary>
public sealed class BulkSeeder(string connectionString, TimeProvider? clock = null)
{
    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return !await HasMarketsAsync(connection, cancellationToken);
    }

    /// <summary>Deletes every market, account, position, trade, market event and cash movement, and restarts their ids at 1.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var truncate = new NpgsqlCommand(
            "TRUNCATE cash_movements, market_events, trades, positions, accounts, markets RESTART IDENTITY CASCADE", connection);
        await truncate.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <exception cref="InvalidOperationException">The database already holds markets.</exception>
    public async Task<SeedReport> SeedAsync(SeedOptions options, IProgress<SeedProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Validate(options);
        var elapsed = Stopwatch.StartNew();
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await HasMarketsAsync(connection, cancellationToken))
            throw new InvalidOperationException("The database already holds markets; reset it before seeding.");
        // Accounts may exist without markets (people who signed up first); seeded ones follow them.
        var firstAccountId = await NextAccountIdAsync(connection, cancellationToken);

        var simulate = Stopwatch.StartNew();
        var data = new TradeSimulator(options, clock.GetUtcNow(), firstAccountId).Run(progress, cancellationToken);
        simulate.Stop();

        var copy = Stopwatch.StartNew();
        await CopyAsync(connection, "markets",
            "id, slug, question, description, category, closes_at, status, resolution, resolution_probability, liquidity_b, yes_shares, no_shares, " +
            "initial_yes_shares, initial_no_shares, subsidy, volume, collected, sequence, created_at, closed_at, resolved_at",
            data.Markets, WriteMarketAsync, progress, cancellationToken);
        await CopyAsync(connection, "accounts", "id, display_name, balance, granted, is_simulated",
            data.Accounts, WriteAccountAsync, progress, cancellationToken);
        await SetCreatorsAsync(connection, data.Markets, cancellationToken);
        await CopyAsync(connection, "positions", "account_id, market_id, yes_shares, no_shares, cost_basis",
            data.Positions, WritePositionAsync, progress, cancellationToken);
        await CopyAsync(connection, "trades",
            "id, order_id, market_id, account_id, side, action, shares, amount, redeemed, price_before, price_after, market_sequence, executed_at",
            data.Trades, WriteTradeAsync, progress, cancellationToken);
        await CopyAsync(connection, "market_events",
            "id, market_id, kind, market_sequence, resolution, resolution_probability, total_paid, creator_remainder, actor_account_id, occurred_at",
            data.Events, WriteEventAsync, progress, cancellationToken);
        await CopyAsync(connection, "cash_movements", "id, account_id, market_id, kind, amount, market_sequence, created_at",
            data.Movements, WriteMovementAsync, progress, cancellationToken);
        await AdvanceIdentitiesAsync(connection, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        copy.Stop();

        return new SeedReport(
            data.Markets.Count, data.Accounts.Count, data.Positions.Count, data.Trades.Count,
            data.Trades.Count(t => t.Action == TradeAction.Sell),
            simulate.Elapsed, copy.Elapsed, elapsed.Elapsed);
    }

    private static void Validate(SeedOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Users, nameof(options.Users));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Markets, nameof(options.Markets));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Trades, nameof(options.Trades));
        ArgumentOutOfRangeException.ThrowIfNegative(options.StartingBalance, nameof(options.StartingBalance));
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static async Task<bool> HasMarketsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM markets)", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<int> NextAccountIdAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT coalesce(max(id), 0) + 1 FROM accounts", connection);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Explicit ids leave the identity sequences behind; without this the next insert would collide with id 1.</summary>
    private static async Task AdvanceIdentitiesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT setval(pg_get_serial_sequence('markets', 'id'), max(id)) FROM markets;
            SELECT setval(pg_get_serial_sequence('accounts', 'id'), max(id)) FROM accounts;
            SELECT setval(pg_get_serial_sequence('trades', 'id'), max(id)) FROM trades;
            SELECT setval(pg_get_serial_sequence('market_events', 'id'), max(id)) FROM market_events;
            SELECT setval(pg_get_serial_sequence('cash_movements', 'id'), max(id)) FROM cash_movements;
            """,
            connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task CopyAsync<TRow>(
        NpgsqlConnection connection,
        string table,
        string columns,
        IReadOnlyList<TRow> rows,
        Func<NpgsqlBinaryImporter, TRow, CancellationToken, Task> writeRow,
        IProgress<SeedProgress>? progress,
        CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        var step = Math.Max(1, rows.Count / 100);
        for (var i = 0; i < rows.Count; i++)
        {
            await importer.StartRowAsync(cancellationToken);
            await writeRow(importer, rows[i], cancellationToken);
            if ((i + 1) % step == 0 && i + 1 < rows.Count) progress?.Report(new SeedProgress(table, i + 1, rows.Count));
        }
        await importer.CompleteAsync(cancellationToken);
        progress?.Report(new SeedProgress(table, rows.Count, rows.Count));
    }

    private static async Task WriteMarketAsync(NpgsqlBinaryImporter row, Market market, CancellationToken cancellationToken)
    {
        await row.WriteAsync(market.Id, NpgsqlDbType.Integer, cancellationToken);
        await row.WriteAsync(market.Slug, NpgsqlDbType.Varchar, cancellationToken);
        await row.WriteAsync(market.Question, NpgsqlDbType.Varchar, cancellationToken);
        await row.WriteAsync(market.Description, NpgsqlDbType.Varchar, cancellationToken);
        await row.WriteAsync(market.Category, NpgsqlDbType.Varchar, cancellationToken);
        await row.WriteAsync(market.ClosesAt, NpgsqlDbType.TimestampTz, cancellationToken);
        await row.WriteAsync(Lowercase(market.Status), NpgsqlDbType.Varchar, cancellationToken);
        await WriteNullableAsync(row, market.Resolution is { } resolution ? Lowercase(resolution) : null, NpgsqlDbType.Varchar, cancellationToken);
        await WriteNullableAsync(row, market.ResolutionProbability, NpgsqlDbType.Numeric, cancellationToken);
        await row.WriteAsync(market.LiquidityB, NpgsqlDbType.Numeric, cancellationToken);
        await row.WriteAsync(market.YesShares, NpgsqlDbType.Numeric, cancellationToken);
        await row.WriteAsync(market.NoShares, NpgsqlDbType.Numeric, cancellationToken);
        await row.WriteAsync(market.InitialYesShares, NpgsqlDbType.Numeric, cancellationToken);
        await row.WriteAsync(market.InitialNoShares, NpgsqlDbType.Numeric, cancellationToken);
        await row.WriteAsync(market.Subsidy, NpgsqlDbType.Numeric, cancellationToken);
        await row.WriteAsync(market.Volume, NpgsqlDbType.Numeric, cancellationToken);
        await row.WriteAsync(market.Collected, NpgsqlDbType.Numeric, cancellationToken);
        await row.WriteAsync(market.Sequence, NpgsqlDbType.Bigint, cancellationToken);
        await row.WriteAsync(market.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
        await WriteNullableAsync(row, market.ClosedAt, NpgsqlDbType.TimestampTz, cancellationToken);
        await WriteNullableAsync(row, market.ResolvedAt, NpgsqlDbType.TimestampTz, cancellationToken);
    }

    /// <summary>Markets are copied before the accounts they point at, so their creators are set once both exist.</summary>
    private static async Task SetCreatorsAsync(NpgsqlConnection connection, IReadOnlyList<Market> markets, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("UPDATE markets SET creator_account_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = markets.Select(m => m.CreatorAccountId).Distinct().Single() ?? (object)DBNull.Value });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task WriteEventAsync(NpgsqlBinaryImporter row, MarketEvent change, CancellationToken cancellationToken)
    {
        await row.WriteAsync(change.Id, NpgsqlDbType.Bigint, cancellationToken);
        await row.WriteAsync(change.MarketId, NpgsqlDbType.Integer, cancellationToken);
        await row.WriteAsync(Lowercase(change.Kind), NpgsqlDbType.Varchar, cancellationToken);
        await row.WriteAsync(change.MarketSequence, NpgsqlDbType.Bigint, cancellationToken);
        await WriteNullableAsync(row, change.Resolution is { } resolution ? Lowercase(resolution) : null, NpgsqlDbType.Varchar, cancellationToken);
        await WriteNullableAsync(row, change.ResolutionProbability, NpgsqlDbType.Numeric, cancellationToken);
        await WriteNullableAsync(row, change.TotalPaid, NpgsqlDbType.Numeric, cancellationToken);
        await WriteNullableAsync(row, change.CreatorRemainder, NpgsqlDbType.Numeric, cancellationToken);
        await WriteNullableAsync(row, change.ActorAccountId, NpgsqlDbType.Integer, cancellationToken);
        await row.WriteAsync(change.OccurredAt, NpgsqlDbType.TimestampTz, cancellationToken);
    }

    private static async Task WriteMovementAsync(NpgsqlBinaryImporter row, CashMovement movement, CancellationToken cancellationToken)
    {
        await row.WriteAsync(movement.Id, NpgsqlDbType.Bigint, cancellationToken);
        await row.WriteAsync(movement.AccountId, NpgsqlDbType.Integer, cancellationToken);
        await row.WriteAsync(movement.MarketId, NpgsqlDbType.Integer, cancellationToken);
        await row.WriteAsync(Lowercase(movement.Kind), NpgsqlDbType.Varchar, cancellationToken);
        await row.WriteAsync(movement.Amount, NpgsqlDbType.Numeric, cancellationToken);
        await row.WriteAsync(movement.MarketSequence, NpgsqlDbType.Bigint, cancellationToken);
        await row.WriteAsync(movement.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter row, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is null) await row.WriteNullAsync(cancellationToken);
        else await row.WriteAsync(value, type, cancellationToken);
    }

    private static async Task WriteAccountAsync(NpgsqlBinaryImporter row, Account account, CancellationToken cancellationToken)
    {
        await row.WriteAsync(account.Id, NpgsqlDbType.Integer, cancellationToken);
        await row.WriteAsync(account.DisplayName, NpgsqlDbType.Varchar, cancellationToken);
        await row.WriteAsync(account.Balance, NpgsqlDbType.Numeric, cancellationToken);
        await row.WriteAsync(account.Granted, NpgsqlDbType.Numeric, cancellationToken);
        await row.WriteAsync(account.IsSimulated, NpgsqlDbType.Boolean, cancellationToken);
    }

    private static async Task WritePositionAsync(NpgsqlBinaryImporter row, Position position, CancellationToken cancellationToken)
    {
        await row.WriteAsync(position.AccountId, NpgsqlDbType.Integer, cancellationToken);
        await row.WriteAsync(position.MarketId, NpgsqlDbType.Integer, cancellationToken);
        await row.WriteAsync(position.YesShares, NpgsqlDbType.Numeric, cancellationToken);
        await row.WriteAsync(position.NoShares, NpgsqlDbType.Numeric, cancellationToken);
        await row.WriteAsync(position.CostBasis, NpgsqlDbType.Numeric, cancellationToken);
    }

    private static async Task WriteTradeAsync(NpgsqlBinaryImporter row, Trade trade, CancellationToken cancellationToken)
    {
        await row.WriteAsync(trade.Id, NpgsqlDbType.Bigint, cancellationToken);
        await row.WriteAsync(trade.OrderId, NpgsqlDbType.Uuid, cancellationToken);
        await row.WriteAsync(trade.MarketId, NpgsqlDbType.Integer, cancellationToken);
        await row.WriteAsync(trade.AccountId, NpgsqlDbType.Integer, cancellationToken);
        await row.WriteAsync(Lowercase(trade.Side), NpgsqlDbType.Varchar, cancellationToken);
        await row.WriteAsync(Lowercase(trade.Action), NpgsqlDbType.Varchar, cancellationToken);
        await row.WriteAsync(trade.Shares, NpgsqlDbType.Numeric, cancellationToken);
        await row.WriteAsync(trade.Amount, NpgsqlDbType.Numeric, cancellationToken);
        await row.WriteAsync(trade.Redeemed, NpgsqlDbType.Numeric, cancellationToken);
        await row.WriteAsync(trade.PriceBefore, NpgsqlDbType.Numeric, cancellationToken);
        await row.WriteAsync(trade.PriceAfter, NpgsqlDbType.Numeric, cancellationToken);
        await row.WriteAsync(trade.MarketSequence, NpgsqlDbType.Bigint, cancellationToken);
        await row.WriteAsync(trade.ExecutedAt, NpgsqlDbType.TimestampTz, cancellationToken);
    }

    // The same text the EF model's LowercaseEnumConverter stores.
    private static string Lowercase<TEnum>(TEnum value) where TEnum : struct, Enum => value.ToString().ToLowerInvariant();
}
