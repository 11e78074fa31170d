using MarketBlazor.Data;
using MarketBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.Tests.Infrastructure;

/// <summary>
/// Trades written straight to the table, one minute apart in insertion order, for tests of readers that
/// only list trades (no prices or positions follow from them): thousands cost one insert, not thousands of orders.
/// </summary>
public sealed class TradeRows(IDbContextFactory<MarketDbContext> contexts)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private long sequence;

    public async Task<List<Trade>> InsertAsync(int accountId, int marketId, int count, Side side = Side.Yes, TradeAction action = TradeAction.Buy)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var trades = Enumerable.Range(0, count).Select(_ =>
        {
            var n = Interlocked.Increment(ref sequence);
            return new Trade
            {
                OrderId = Guid.NewGuid(), MarketId = marketId, AccountId = accountId, Side = side, Action = action,
                Shares = 2m, Amount = 1m, PriceBefore = 0.5m, PriceAfter = 0.5m, MarketSequence = n, ExecutedAt = Start.AddMinutes(n),
            };
        }).ToList();
        db.Trades.AddRange(trades);
        await db.SaveChangesAsync();
        return trades;
    }
}
