using Npgsql;

namespace MarketBlazor.Bench.Infrastructure;

/// <summary>
/// The marketplace the trade scenarios run on: identical open markets (b = 500), traders with
/// balances no run can spend, and a zero position for every trader in every market. With the
/// positions there up front, every order takes the same path (update, never insert, its
/// position), so the SQL captured from one order is the SQL of them all.
/// </summary>
public static class BenchMarketplace
{
    public const decimal Liquidity = 500m;
    public const decimal Balance = 1_000_000_000m;

    public static async Task SeedAsync(string connectionString, int markets, int traders, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var seed = new NpgsqlCommand(
            """
            INSERT INTO markets (slug, question, description, category, closes_at, status, liquidity_b,
                                 yes_shares, no_shares, volume, collected, sequence, created_at)
            SELECT 'bench-' || i, 'Bench market ' || i || '?', '', 'Bench', now() + interval '1 year', 'open', @liquidity,
                   0, 0, 0, 0, 0, now()
            FROM generate_series(1, @markets) AS i;
            INSERT INTO accounts (display_name, balance, granted, is_simulated)
            SELECT 'Bench trader ' || i, @balance, @balance, true FROM generate_series(1, @traders) AS i;
            INSERT INTO positions (account_id, market_id, yes_shares, no_shares, cost_basis)
            SELECT a.id, m.id, 0, 0, 0 FROM accounts AS a CROSS JOIN markets AS m;
            """,
            connection))
        {
            seed.Parameters.AddWithValue("liquidity", Liquidity);
            seed.Parameters.AddWithValue("markets", markets);
            seed.Parameters.AddWithValue("balance", Balance);
            seed.Parameters.AddWithValue("traders", traders);
            await seed.ExecuteNonQueryAsync(cancellationToken);
        }
        // Fresh statistics, so the first orders are planned as the thousandth will be.
        await using var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync(cancellationToken);
    }
}
