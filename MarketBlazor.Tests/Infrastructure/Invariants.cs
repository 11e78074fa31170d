using Npgsql;

namespace MarketBlazor.Tests.Infrastructure;

/// <summary>The trading core's invariants (DESIGN §4), checked in SQL against whatever is committed.</summary>
public static class Invariants
{
    private static readonly (string Name, string Sql)[] Violations =
    [
        ("cash is conserved: Σ balances + Σ collected = Σ granted",
            "SELECT (SELECT coalesce(sum(balance), 0) FROM accounts) + (SELECT coalesce(sum(collected), 0) FROM markets) - (SELECT coalesce(sum(granted), 0) FROM accounts) <> 0"),
        ("per market Σ positions = outstanding shares",
            """
            SELECT count(*) > 0 FROM markets m
            LEFT JOIN (SELECT market_id, sum(yes_shares) y, sum(no_shares) n FROM positions GROUP BY market_id) p ON p.market_id = m.id
            WHERE coalesce(p.y, 0) <> m.yes_shares OR coalesce(p.n, 0) <> m.no_shares
            """),
        ("every market's trade sequences are exactly 1..sequence",
            """
            SELECT count(*) > 0 FROM markets m
            LEFT JOIN (SELECT market_id, count(*) c, min(market_sequence) lo, max(market_sequence) hi FROM trades GROUP BY market_id) t ON t.market_id = m.id
            WHERE coalesce(t.c, 0) <> m.sequence OR (m.sequence > 0 AND (t.lo <> 1 OR t.hi <> m.sequence))
            """),
        ("Σ trade cash per market = collected",
            """
            SELECT count(*) > 0 FROM markets m
            LEFT JOIN (SELECT market_id, sum(CASE WHEN action = 'buy' THEN amount ELSE -amount END) net FROM trades GROUP BY market_id) t ON t.market_id = m.id
            WHERE coalesce(t.net, 0) <> m.collected
            """),
    ];

    public static async Task AssertHoldAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var broken = new List<string>();
        foreach (var (name, sql) in Violations)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            if (await command.ExecuteScalarAsync() is true) broken.Add(name);
        }
        Assert.True(broken.Count == 0, "Invariants violated: " + string.Join("; ", broken));
    }
}
