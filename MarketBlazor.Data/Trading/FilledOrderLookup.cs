using MarketBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.Data.Trading;

/// <summary>An order id that already has its trade (trades.order_id is unique): the same order gets that fill back, a different one is refused.</summary>
internal static class FilledOrderLookup
{
    public static async Task<OrderResult> AnswerAsync(MarketDbContext db, PendingOrder pending, Trade earlier, CancellationToken cancellationToken)
    {
        if (earlier.OrderFingerprint != pending.Fingerprint) return TradeAnswers.OrderIdReused(pending.Order);
        var market = await db.Markets.AsNoTracking().FirstAsync(m => m.Id == earlier.MarketId, cancellationToken);
        var balance = await db.Accounts.Where(a => a.Id == earlier.AccountId).Select(a => a.Balance).FirstAsync(cancellationToken);
        return new OrderFilled(TradeView.From(earlier), MarketSnapshot.From(market), balance);
    }

    /// <returns>The order's answer from its trade, or null when no trade has its id.</returns>
    public static async Task<OrderResult?> FindAsync(MarketDbContext db, PendingOrder pending, CancellationToken cancellationToken)
    {
        var trade = await db.Trades.AsNoTracking().FirstOrDefaultAsync(t => t.OrderId == pending.Order.OrderId, cancellationToken);
        return trade is null ? null : await AnswerAsync(db, pending, trade, cancellationToken);
    }
}
