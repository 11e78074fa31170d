using MarketBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace MarketBlazor.Data.Trading;

/// <summary>
/// The write of a batch's fills as one set-based statement (one round trip, BEGIN included), inside
/// the caller's transaction: the market's new totals, the traders' balances, their positions and the
/// trades. Every batch size sends the same text (arrays, not one parameter per row), so it is
/// prepared once per connection.
/// </summary>
/// <remarks>
/// The gate: the accounts are updated only where each one's xmin is still the one read, and the
/// market only if every account was and its own xmin is still the one read. An UPDATE re-checks its
/// WHERE on the latest committed version of a row changed concurrently (READ COMMITTED), so a row
/// another writer changed after our read matches nothing. Positions have no xmin of their own: every
/// position write in a market also changes the market row, so the market's xmin covers them. The
/// positions and trades are written only when the gate held; but the sub-statements of a WITH all
/// run, so a gate that matched some accounts and not the market leaves those accounts updated. The
/// statement therefore reports whether the gate held, and a caller that hears it did not must roll the
/// transaction back and price the batch again (COMMIT is a separate round trip, so nothing partial is
/// ever committed).
/// Lock order: accounts (in id order) before the market, as a resolution takes them
/// (MarketLifecycle), so the two never wait on each other in a cycle; the market's UPDATE reads the
/// accounts' count, which makes PostgreSQL finish the accounts' UPDATE first.
/// </remarks>
internal static class FillWrite
{
    private const string Sql = """
        WITH accounts AS (
            UPDATE accounts AS a SET balance = u.balance
            FROM unnest(@account_ids, @balances, @account_xmins) AS u(id, balance, seen)
            WHERE a.id = u.id AND a.xmin = u.seen
            RETURNING a.id
        ), market AS (
            UPDATE markets
            SET yes_shares = @yes_shares, no_shares = @no_shares, volume = @volume, collected = @collected, sequence = @sequence
            WHERE id = @market_id AND xmin = @market_xmin AND (SELECT count(*) FROM accounts) = cardinality(@account_ids)
            RETURNING id
        ), gate AS (
            SELECT count(*) = 1 AS held FROM market
        ), positions AS (
            INSERT INTO positions (account_id, market_id, yes_shares, no_shares, cost_basis)
            SELECT u.account_id, @market_id, u.yes_shares, u.no_shares, u.cost_basis
            FROM unnest(@position_account_ids, @position_yes_shares, @position_no_shares, @position_cost_basis)
                AS u(account_id, yes_shares, no_shares, cost_basis)
            WHERE (SELECT held FROM gate)
            ON CONFLICT (account_id, market_id) DO UPDATE
            SET yes_shares = excluded.yes_shares, no_shares = excluded.no_shares, cost_basis = excluded.cost_basis
        ), trades AS (
            INSERT INTO trades (order_id, order_fingerprint, market_id, account_id, side, action, shares, amount,
                                redeemed, price_before, price_after, market_sequence, executed_at)
            SELECT u.order_id, u.order_fingerprint, @market_id, u.account_id, u.side, u.action, u.shares, u.amount,
                   u.redeemed, u.price_before, u.price_after, u.market_sequence, @executed_at
            FROM unnest(@order_ids, @order_fingerprints, @trade_account_ids, @sides, @actions, @shares, @amounts,
                        @redeemed, @prices_before, @prices_after, @market_sequences)
                AS u(order_id, order_fingerprint, account_id, side, action, shares, amount,
                     redeemed, price_before, price_after, market_sequence)
            WHERE (SELECT held FROM gate)
            ORDER BY u.market_sequence
            RETURNING id, order_id
        )
        SELECT g.held, pg_current_xact_id()::xid::text::bigint AS transaction_id, t.id AS trade_id, t.order_id
        FROM gate AS g LEFT JOIN trades AS t ON true
        """;

    public static PositionalStatement Statement { get; } = new(Sql);

    /// <summary>
    /// Writes the fills; on success their trades carry their ids.
    /// </summary>
    /// <returns>This transaction's id (what settles a lost COMMIT), or null when the gate did not hold.</returns>
    public static async Task<uint?> TryWriteAsync(
        MarketDbContext db, Market market, IReadOnlyCollection<Account> accounts, IReadOnlyCollection<Position> positions,
        IReadOnlyList<Trade> trades, DateTimeOffset executedAt, CancellationToken cancellationToken)
    {
        // Accounts in id order, the order every writer locks them in.
        var byId = accounts.OrderBy(a => a.Id).ToList();
        var values = new Dictionary<string, NpgsqlParameter>
        {
            ["market_id"] = Scalar(market.Id, NpgsqlDbType.Integer),
            ["market_xmin"] = Scalar(market.Version, NpgsqlDbType.Xid),
            ["yes_shares"] = Scalar(market.YesShares, NpgsqlDbType.Numeric),
            ["no_shares"] = Scalar(market.NoShares, NpgsqlDbType.Numeric),
            ["volume"] = Scalar(market.Volume, NpgsqlDbType.Numeric),
            ["collected"] = Scalar(market.Collected, NpgsqlDbType.Numeric),
            ["sequence"] = Scalar(market.Sequence, NpgsqlDbType.Bigint),
            ["account_ids"] = Array(byId.Select(a => a.Id), NpgsqlDbType.Integer),
            ["balances"] = Array(byId.Select(a => a.Balance), NpgsqlDbType.Numeric),
            ["account_xmins"] = Array(byId.Select(a => a.Version), NpgsqlDbType.Xid),
            ["position_account_ids"] = Array(positions.Select(p => p.AccountId), NpgsqlDbType.Integer),
            ["position_yes_shares"] = Array(positions.Select(p => p.YesShares), NpgsqlDbType.Numeric),
            ["position_no_shares"] = Array(positions.Select(p => p.NoShares), NpgsqlDbType.Numeric),
            ["position_cost_basis"] = Array(positions.Select(p => p.CostBasis), NpgsqlDbType.Numeric),
            ["order_ids"] = Array(trades.Select(t => t.OrderId), NpgsqlDbType.Uuid),
            ["order_fingerprints"] = Array(trades.Select(t => t.OrderFingerprint), NpgsqlDbType.Bigint),
            ["trade_account_ids"] = Array(trades.Select(t => t.AccountId), NpgsqlDbType.Integer),
            ["sides"] = Array(trades.Select(t => t.Side == Side.Yes ? "yes" : "no"), NpgsqlDbType.Text),
            ["actions"] = Array(trades.Select(t => t.Action == TradeAction.Buy ? "buy" : "sell"), NpgsqlDbType.Text),
            ["shares"] = Array(trades.Select(t => t.Shares), NpgsqlDbType.Numeric),
            ["amounts"] = Array(trades.Select(t => t.Amount), NpgsqlDbType.Numeric),
            ["redeemed"] = Array(trades.Select(t => t.Redeemed), NpgsqlDbType.Numeric),
            ["prices_before"] = Array(trades.Select(t => t.PriceBefore), NpgsqlDbType.Numeric),
            ["prices_after"] = Array(trades.Select(t => t.PriceAfter), NpgsqlDbType.Numeric),
            ["market_sequences"] = Array(trades.Select(t => t.MarketSequence), NpgsqlDbType.Bigint),
            ["executed_at"] = Scalar(executedAt, NpgsqlDbType.TimestampTz),
        };

        await using var reader = await Statement.ExecuteReaderAsync(db, values, cancellationToken);

        // One row per trade written, or a lone row without a trade when the gate did not hold.
        var rows = reader.DbDataReader;
        if (!await rows.ReadAsync(cancellationToken) || !rows.GetBoolean(0)) return null;
        // The 32-bit xid (as xmin stores it), read as a bigint.
        var transactionId = (uint)rows.GetInt64(1);
        var ids = new Dictionary<Guid, long>(trades.Count);
        do ids[rows.GetGuid(3)] = rows.GetInt64(2);
        while (await rows.ReadAsync(cancellationToken));
        foreach (var trade in trades) trade.Id = ids[trade.OrderId];
        return transactionId;
    }

    private static NpgsqlParameter Scalar<T>(T value, NpgsqlDbType type) => PositionalStatement.Value(value, type);

    private static NpgsqlParameter Array<T>(IEnumerable<T> values, NpgsqlDbType elementType) =>
        PositionalStatement.Value(values.ToArray(), NpgsqlDbType.Array | elementType);
}
