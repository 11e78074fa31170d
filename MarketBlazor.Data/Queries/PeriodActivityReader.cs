using MarketBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.Data.Queries;

/// <summary>
/// Every account's activity since a moment, summed in the database (two grouped queries, whatever
/// the number of trades), for the leaderboard's today / week profit.
/// <para>
/// Profit over a period is the change in net worth caused by what happened in it, with positions
/// marked at the current prices at both ends: the cash of every trade, redemption and cash movement
/// in the period, plus the shares gained in it (minus those sold or redeemed) at today's prices.
/// Positions held from before the period therefore add nothing: a price move only counts through
/// trades made in the period. The starting grant is not profit and appears in no period.
/// </para>
/// </summary>
public sealed class PeriodActivityReader(IDbContextFactory<MarketDbContext> contexts)
{
    /// <returns>One entry per account with any trade or cash movement at or after <paramref name="since"/>.</returns>
    public async Task<IReadOnlyList<PeriodActivity>> SinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateReadContextAsync(cancellationToken);
        // A buy pays Amount and gains Shares of its side; a sell receives Amount and gives them up;
        // Redeemed Yes+No pairs leave both sides and pay 1 each.
        var traded = await db.Trades.AsNoTracking()
            .Where(t => t.ExecutedAt >= since)
            .GroupBy(t => new { t.AccountId, t.MarketId })
            .Select(g => new
            {
                g.Key.AccountId,
                g.Key.MarketId,
                Cash = g.Sum(t => (t.Action == TradeAction.Buy ? -t.Amount : t.Amount) + t.Redeemed),
                Yes = g.Sum(t => (t.Side == Side.Yes ? (t.Action == TradeAction.Buy ? t.Shares : -t.Shares) : 0m) - t.Redeemed),
                No = g.Sum(t => (t.Side == Side.No ? (t.Action == TradeAction.Buy ? t.Shares : -t.Shares) : 0m) - t.Redeemed),
            })
            .ToListAsync(cancellationToken);
        var moved = await db.CashMovements.AsNoTracking()
            .Where(m => m.CreatedAt >= since)
            .GroupBy(m => m.AccountId)
            .Select(g => new { AccountId = g.Key, Cash = g.Sum(m => m.Amount) })
            .ToDictionaryAsync(m => m.AccountId, m => m.Cash, cancellationToken);

        var byAccount = traded.ToLookup(t => t.AccountId);
        return byAccount.Select(t => t.Key).Union(moved.Keys).Order()
            .Select(id => new PeriodActivity(
                id,
                byAccount[id].Sum(t => t.Cash) + moved.GetValueOrDefault(id),
                byAccount[id].Select(t => new PeriodShares(t.MarketId, t.Yes, t.No)).ToList()))
            .ToList();
    }
}
