using MarketBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.Data.Queries;

/// <summary>
/// An account's cash history (issue 9): the grant, every trade and the pairs it redeemed, and every
/// cash movement (subsidy, payout, refund, remainder), in the order they happened, each with the
/// balance after it. granted + Σ lines = the balance, which is how DESIGN §9 explains every balance.
/// </summary>
public sealed class CashHistoryReader(IDbContextFactory<MarketDbContext> contexts)
{
    /// <returns>The newest <paramref name="take"/> lines, newest first; the running balance counts every older line too.</returns>
    public async Task<IReadOnlyList<CashLine>> HistoryAsync(int accountId, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateReadContextAsync(cancellationToken);
        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId)
            .Select(a => new { a.Granted }).FirstOrDefaultAsync(cancellationToken);
        if (account is null) return [];
        var trades = await db.Trades.AsNoTracking().Where(t => t.AccountId == accountId)
            .Select(t => new { t.Id, t.MarketId, t.Side, t.Action, t.Shares, t.Amount, t.Redeemed, t.MarketSequence, t.ExecutedAt })
            .ToListAsync(cancellationToken);
        var movements = await db.CashMovements.AsNoTracking().Where(m => m.AccountId == accountId).ToListAsync(cancellationToken);
        var marketIds = trades.Select(t => t.MarketId).Concat(movements.Select(m => m.MarketId)).Distinct().ToList();
        var questions = await db.Markets.AsNoTracking().Where(m => marketIds.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => m.Question, cancellationToken);

        // (when, market sequence, tie-break) orders a trade's redemption right after it and a resolution's lines after its market's trades.
        var unordered = new List<(DateTimeOffset At, long Sequence, int Order, CashLineKind Kind, int MarketId, string Detail, decimal Amount)>();
        foreach (var t in trades)
        {
            var side = t.Side == Side.Yes ? "Yes" : "No";
            var verb = t.Action == TradeAction.Buy ? "Bought" : "Sold";
            unordered.Add((t.ExecutedAt, t.MarketSequence, 0, CashLineKind.Trade, t.MarketId,
                $"{verb} {t.Shares:N2} {side}", t.Action == TradeAction.Buy ? -t.Amount : t.Amount));
            if (t.Redeemed > 0)
                unordered.Add((t.ExecutedAt, t.MarketSequence, 1, CashLineKind.Redemption, t.MarketId, $"Redeemed {t.Redeemed:N2} Yes+No pairs at 1", t.Redeemed));
        }
        foreach (var m in movements)
            unordered.Add((m.CreatedAt, m.MarketSequence, 2, Kind(m.Kind), m.MarketId, Detail(m.Kind), m.Amount));

        var balance = account.Granted;
        var lines = new List<CashLine>(unordered.Count + 1) { new(null, CashLineKind.Granted, null, null, "Starting play money", account.Granted, balance) };
        foreach (var line in unordered.OrderBy(l => l.At).ThenBy(l => l.MarketId).ThenBy(l => l.Sequence).ThenBy(l => l.Order))
        {
            balance += line.Amount;
            lines.Add(new CashLine(line.At, line.Kind, line.MarketId, questions.GetValueOrDefault(line.MarketId), line.Detail, line.Amount, balance));
        }
        lines.Reverse();
        return lines.Take(Math.Max(1, take)).ToList();
    }

    private static CashLineKind Kind(CashMovementKind kind) => kind switch
    {
        CashMovementKind.Subsidy => CashLineKind.Subsidy,
        CashMovementKind.Payout => CashLineKind.Payout,
        CashMovementKind.Refund => CashLineKind.Refund,
        _ => CashLineKind.Remainder,
    };

    private static string Detail(CashMovementKind kind) => kind switch
    {
        CashMovementKind.Subsidy => "Subsidy paid to launch the market",
        CashMovementKind.Payout => "Paid out at resolution",
        CashMovementKind.Refund => "Refunded: market resolved N/A",
        _ => "Creator's remainder after payouts",
    };
}
