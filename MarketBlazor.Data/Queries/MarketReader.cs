using MarketBlazor.Data.Trading;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.Data.Queries;

/// <summary>Read-only queries, one short-lived context each, returning immutable views (never tracked entities).</summary>
public sealed class MarketReader(IDbContextFactory<MarketDbContext> contexts)
{
    public const int MaxTradesPerPage = 5_000;
    public const int MaxAccountsPerPage = 1_000;

    public async Task<MarketSnapshot?> GetMarketAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateReadContextAsync(cancellationToken);
        var market = await db.Markets.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        return market is null ? null : MarketSnapshot.From(market);
    }

    /// <summary>The replay cursor: trades of one market with sequence greater than <paramref name="afterSequence"/>, oldest first.</summary>
    public async Task<IReadOnlyList<TradeView>> TradesAfterAsync(int marketId, long afterSequence, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateReadContextAsync(cancellationToken);
        var trades = await db.Trades.AsNoTracking()
            .Where(t => t.MarketId == marketId && t.MarketSequence > afterSequence)
            .OrderBy(t => t.MarketSequence)
            .Take(Math.Clamp(take, 1, MaxTradesPerPage))
            .ToListAsync(cancellationToken);
        return trades.ConvertAll(TradeView.From);
    }

    /// <summary>A market's closes and resolutions after <paramref name="afterSequence"/>, oldest first (each with what it paid).</summary>
    public async Task<IReadOnlyList<MarketEventView>> EventsAfterAsync(int marketId, long afterSequence, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateReadContextAsync(cancellationToken);
        var events = await db.MarketEvents.AsNoTracking()
            .Where(e => e.MarketId == marketId && e.MarketSequence > afterSequence)
            .OrderBy(e => e.MarketSequence)
            .ToListAsync(cancellationToken);
        if (events.Count == 0) return [];
        var paid = await db.CashMovements.AsNoTracking()
            .Where(c => c.MarketId == marketId && c.MarketSequence > afterSequence)
            .ToListAsync(cancellationToken);
        return events.ConvertAll(e => MarketEventView.From(e, paid));
    }

    /// <summary>One account's latest trades across all markets, newest first.</summary>
    public async Task<IReadOnlyList<TradeView>> RecentTradesOfAccountAsync(int accountId, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateReadContextAsync(cancellationToken);
        var trades = await db.Trades.AsNoTracking()
            .Where(t => t.AccountId == accountId)
            .OrderByDescending(t => t.ExecutedAt).ThenByDescending(t => t.Id)
            .Take(Math.Clamp(take, 1, MaxTradesPerPage))
            .ToListAsync(cancellationToken);
        return trades.ConvertAll(TradeView.From);
    }

    public async Task<IReadOnlyList<AccountView>> ListAccountsAsync(int take, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateReadContextAsync(cancellationToken);
        var accounts = await db.Accounts.AsNoTracking().Include(a => a.Positions)
            .OrderBy(a => a.Id).Take(Math.Clamp(take, 1, MaxAccountsPerPage))
            .ToListAsync(cancellationToken);
        return accounts.ConvertAll(ToView);
    }

    public async Task<AccountView?> GetAccountAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateReadContextAsync(cancellationToken);
        var account = await db.Accounts.AsNoTracking().Include(a => a.Positions).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        return account is null ? null : ToView(account);
    }

    private static AccountView ToView(Entities.Account account) => new(
        account.Id, account.DisplayName, account.Balance, account.IsSimulated,
        account.Positions.OrderBy(p => p.MarketId).Select(p => new PositionView(p.MarketId, p.YesShares, p.NoShares, p.CostBasis)).ToList());
}
