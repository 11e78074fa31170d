using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Lifecycle;
using Npgsql;
using NpgsqlTypes;

namespace MarketBlazor.Data.Trading;

/// <summary>
/// The rows a batch reads and writes: its market, its traders' accounts and their positions in it.
/// Read in one round trip (market, accounts and positions joined) without tracking, xmin included:
/// the write (<see cref="FillWrite"/>) is gated by the xmin read here.
/// </summary>
internal sealed class BatchRows
{
    private const string Columns = """
        SELECT m.id, m.slug, m.question, m.description, m.category, m.closes_at, m.status, m.creator_account_id,
               m.initial_yes_shares, m.initial_no_shares, m.subsidy, m.resolution, m.resolution_probability,
               m.closed_at, m.resolved_at, m.liquidity_b, m.yes_shares, m.no_shares, m.volume, m.collected,
               m.sequence, m.created_at, m.xmin,
               a.id, a.display_name, a.balance, a.granted, a.is_simulated, a.user_id, a.xmin,
               p.yes_shares, p.no_shares, p.cost_basis
        FROM markets AS m
        """;

    private const int FirstAccountColumn = 23;
    private const int FirstPositionColumn = 30;

    private const string PositionsJoin = """
        LEFT JOIN positions AS p ON p.account_id = a.id AND p.market_id = m.id
        WHERE m.id = @market_id
        """;

    /// <summary>
    /// A lone trader (every order of a spread market): the account by a scalar <c>a.id = @account_id</c>.
    /// PostgreSQL plans a prepared statement once for good (its generic plan) only when that plan
    /// looks no worse than planning for the values at hand; an <c>a.id = ANY(@account_ids)</c> filter
    /// never does (pg_prepared_statements: generic_plans 0, custom_plans 8), so every order paid
    /// a planning step. The scalar filter's generic plan is its custom plan, and is kept.
    /// </summary>
    public static PositionalStatement OneAccount { get; } = new($"""
        {Columns}
        LEFT JOIN accounts AS a ON a.id = @account_id
        {PositionsJoin}
        """);

    /// <summary>Several traders (a busy market's batch): planned per execution, once for the whole batch.</summary>
    public static PositionalStatement ManyAccounts { get; } = new($"""
        {Columns}
        LEFT JOIN accounts AS a ON a.id = ANY (@account_ids)
        {PositionsJoin}
        """);

    private BatchRows(Market? market)
    {
        Market = market;
    }

    /// <summary>Null when the market does not exist.</summary>
    public Market? Market { get; }
    public Dictionary<int, Account> Accounts { get; } = [];
    public Dictionary<int, Position> Positions { get; } = [];

    public static async Task<BatchRows> LoadAsync(MarketDbContext db, List<PendingOrder> batch, CancellationToken cancellationToken)
    {
        var marketId = batch[0].Order.MarketId;
        var accountIds = batch.Select(p => p.Order.AccountId).Distinct().ToArray();
        var (read, accountsParameter, accounts) = accountIds.Length == 1
            ? (OneAccount, "account_id", PositionalStatement.Value(accountIds[0], NpgsqlDbType.Integer))
            : (ManyAccounts, "account_ids", PositionalStatement.Value(accountIds, NpgsqlDbType.Array | NpgsqlDbType.Integer));
        var values = new Dictionary<string, NpgsqlParameter>
        {
            ["market_id"] = PositionalStatement.Value(marketId, NpgsqlDbType.Integer),
            [accountsParameter] = accounts,
        };

        await using var reader = await read.ExecuteReaderAsync(db, values, cancellationToken);
        var row = (NpgsqlDataReader)reader.DbDataReader;
        if (!await row.ReadAsync(cancellationToken)) return new BatchRows(null);
        var rows = new BatchRows(ReadMarket(row));
        do
        {
            if (row.IsDBNull(FirstAccountColumn)) continue;
            var account = ReadAccount(row);
            rows.Accounts[account.Id] = account;
            if (!row.IsDBNull(FirstPositionColumn)) rows.Positions[account.Id] = ReadPosition(row, account.Id, marketId);
        }
        while (await row.ReadAsync(cancellationToken));
        return rows;
    }

    /// <summary>The account's position in this market, a new empty one when it holds none yet.</summary>
    public Position PositionOf(int accountId)
    {
        if (Positions.TryGetValue(accountId, out var position)) return position;
        position = new Position { AccountId = accountId, MarketId = Market!.Id };
        Positions[accountId] = position;
        return position;
    }

    // Columns by ordinal, in the order of the select list above.
    private static Market ReadMarket(NpgsqlDataReader row) => new()
    {
        Id = row.GetInt32(0),
        Slug = row.GetString(1),
        Question = row.GetString(2),
        Description = row.GetString(3),
        Category = row.GetString(4),
        ClosesAt = row.GetFieldValue<DateTimeOffset>(5),
        Status = Enum.Parse<MarketStatus>(row.GetString(6), ignoreCase: true),
        CreatorAccountId = row.IsDBNull(7) ? null : row.GetInt32(7),
        InitialYesShares = row.GetDecimal(8),
        InitialNoShares = row.GetDecimal(9),
        Subsidy = row.GetDecimal(10),
        Resolution = row.IsDBNull(11) ? null : Enum.Parse<Resolution>(row.GetString(11), ignoreCase: true),
        ResolutionProbability = row.IsDBNull(12) ? null : row.GetDecimal(12),
        ClosedAt = row.IsDBNull(13) ? null : row.GetFieldValue<DateTimeOffset>(13),
        ResolvedAt = row.IsDBNull(14) ? null : row.GetFieldValue<DateTimeOffset>(14),
        LiquidityB = row.GetDecimal(15),
        YesShares = row.GetDecimal(16),
        NoShares = row.GetDecimal(17),
        Volume = row.GetDecimal(18),
        Collected = row.GetDecimal(19),
        Sequence = row.GetInt64(20),
        CreatedAt = row.GetFieldValue<DateTimeOffset>(21),
        Version = row.GetFieldValue<uint>(22),
    };

    private static Account ReadAccount(NpgsqlDataReader row) => new()
    {
        Id = row.GetInt32(23),
        DisplayName = row.GetString(24),
        Balance = row.GetDecimal(25),
        Granted = row.GetDecimal(26),
        IsSimulated = row.GetBoolean(27),
        UserId = row.IsDBNull(28) ? null : row.GetString(28),
        Version = row.GetFieldValue<uint>(29),
    };

    private static Position ReadPosition(NpgsqlDataReader row, int accountId, int marketId) => new()
    {
        AccountId = accountId,
        MarketId = marketId,
        YesShares = row.GetDecimal(30),
        NoShares = row.GetDecimal(31),
        CostBasis = row.GetDecimal(32),
    };
}
