using Npgsql;

namespace MarketBlazor.Tests.Infrastructure;

/// <summary>
/// The ledger's invariants (DESIGN §4, §9), checked in SQL against whatever is committed. Cash
/// movements are signed as seen by the account (a subsidy is negative, a payout positive), so the
/// market's side of each is its negation; a trade's redeemed pairs pay the account and leave the pot.
/// </summary>
public static class Invariants
{
    private static readonly (string Name, string Sql)[] Violations =
    [
        // A resolved market has paid out its whole pot (collected = 0), so this is also
        // "Σ balances + Σ collected of unresolved markets = Σ granted".
        ("cash is conserved: Σ balances + Σ collected = Σ granted",
            "SELECT (SELECT coalesce(sum(balance), 0) FROM accounts) + (SELECT coalesce(sum(collected), 0) FROM markets) - (SELECT coalesce(sum(granted), 0) FROM accounts) <> 0"),
        ("a resolved market holds nothing",
            "SELECT count(*) > 0 FROM markets WHERE status = 'resolved' AND collected <> 0"),
        ("every balance = granted − Σ trade cash + Σ redeemed + Σ cash movements",
            """
            SELECT count(*) > 0 FROM accounts a
            LEFT JOIN (SELECT account_id, sum(CASE WHEN action = 'buy' THEN amount ELSE -amount END) - sum(redeemed) net FROM trades GROUP BY account_id) t ON t.account_id = a.id
            LEFT JOIN (SELECT account_id, sum(amount) moved FROM cash_movements GROUP BY account_id) c ON c.account_id = a.id
            WHERE a.balance <> a.granted - coalesce(t.net, 0) + coalesce(c.moved, 0)
            """),
        ("per market Σ positions + initial shares = outstanding shares",
            """
            SELECT count(*) > 0 FROM markets m
            LEFT JOIN (SELECT market_id, sum(yes_shares) y, sum(no_shares) n FROM positions GROUP BY market_id) p ON p.market_id = m.id
            WHERE coalesce(p.y, 0) + m.initial_yes_shares <> m.yes_shares OR coalesce(p.n, 0) + m.initial_no_shares <> m.no_shares
            """),
        ("every market's trade and event sequences together are exactly 1..sequence",
            """
            SELECT count(*) > 0 FROM markets m
            LEFT JOIN (
                SELECT market_id, count(*) c, min(s) lo, max(s) hi FROM (
                    SELECT market_id, market_sequence s FROM trades
                    UNION ALL
                    SELECT market_id, market_sequence s FROM market_events) changes
                GROUP BY market_id) t ON t.market_id = m.id
            WHERE coalesce(t.c, 0) <> m.sequence OR (m.sequence > 0 AND (t.lo <> 1 OR t.hi <> m.sequence))
            """),
        ("per market collected = Σ trade cash − Σ redeemed − Σ cash movements",
            """
            SELECT count(*) > 0 FROM markets m
            LEFT JOIN (SELECT market_id, sum(CASE WHEN action = 'buy' THEN amount ELSE -amount END) - sum(redeemed) net FROM trades GROUP BY market_id) t ON t.market_id = m.id
            LEFT JOIN (SELECT market_id, sum(amount) moved FROM cash_movements GROUP BY market_id) c ON c.market_id = m.id
            WHERE coalesce(t.net, 0) - coalesce(c.moved, 0) <> m.collected
            """),
        ("a market's subsidy is what its creator paid in",
            """
            SELECT count(*) > 0 FROM markets m
            LEFT JOIN (SELECT market_id, -sum(amount) paid FROM cash_movements WHERE kind = 'subsidy' GROUP BY market_id) s ON s.market_id = m.id
            WHERE coalesce(s.paid, 0) <> m.subsidy
            """),
        ("a position holds Yes or No, never both (pairs are netted)",
            "SELECT count(*) > 0 FROM positions WHERE yes_shares > 0 AND no_shares > 0"),
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
