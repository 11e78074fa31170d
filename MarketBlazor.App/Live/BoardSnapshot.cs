using System.Data;
using MarketBlazor.Data;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.App.Live;

/// <summary>
/// What the board starts from, read in one repeatable-read snapshot so that balances, positions and
/// sequences agree: every market, account and position, but of the trades only what the board keeps
/// (each market's last price points and its last trades), however long the markets have traded.
/// </summary>
internal sealed record BoardSnapshot(
    IReadOnlyList<Market> Markets,
    IReadOnlyList<Account> Accounts,
    IReadOnlyList<Position> Positions,
    IReadOnlyDictionary<int, PricePoint[]> Points,
    IReadOnlyDictionary<int, TradeView[]> Trades)
{
    /// <summary>With the listing point, exactly a full history: nothing is thinned at start-up.</summary>
    public const int PointsLoaded = PriceHistory.Capacity - 1;

    public static async Task<BoardSnapshot> ReadAsync(IDbContextFactory<MarketDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var markets = await db.Markets.AsNoTracking().ToListAsync(cancellationToken);
        var accounts = await db.Accounts.AsNoTracking().ToListAsync(cancellationToken);
        var positions = await db.Positions.AsNoTracking().ToListAsync(cancellationToken);
        // Per market, the newest rows by sequence through its (market_id, market_sequence) index: a LATERAL join.
        var points = await db.Markets.AsNoTracking()
            .SelectMany(m => db.Trades.Where(t => t.MarketId == m.Id).OrderByDescending(t => t.MarketSequence).Take(PointsLoaded)
                .Select(t => new { t.MarketId, t.ExecutedAt, t.Side, t.PriceAfter, t.MarketSequence }))
            .ToListAsync(cancellationToken);
        var trades = await db.Markets.AsNoTracking()
            .SelectMany(m => db.Trades.Where(t => t.MarketId == m.Id).OrderByDescending(t => t.MarketSequence).Take(MarketBoard.RecentTradesKept))
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        return new BoardSnapshot(markets, accounts, positions,
            points.GroupBy(p => p.MarketId).ToDictionary(g => g.Key, g => g.OrderBy(p => p.MarketSequence)
                .Select(p => new PricePoint(p.ExecutedAt, p.Side == Side.Yes ? p.PriceAfter : 1 - p.PriceAfter, p.MarketSequence)).ToArray()),
            trades.GroupBy(t => t.MarketId).ToDictionary(g => g.Key, g => g.OrderBy(t => t.MarketSequence).Select(TradeView.From).ToArray()));
    }
}
