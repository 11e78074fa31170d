using MarketBlazor.Data.Trading;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.Data.Queries;

/// <summary>
/// An account's trades a page at a time, filtered in the database, so an account with thousands of
/// trades costs one count and one page (ix_trades_account_id_executed_at), not a download of them all.
/// </summary>
public sealed class TradeHistoryReader(IDbContextFactory<MarketDbContext> contexts)
{
    public const int PageSize = 25;

    /// <summary>
    /// Page <paramref name="page"/> (1-based) of the account's trades that match <paramref name="filter"/>, newest first.
    /// A page before the first or past the last shows the first or last (an empty history has one, empty, page).
    /// </summary>
    /// <exception cref="ArgumentException">The market text is longer than <see cref="TradeHistoryFilter.MaxMarketTextLength"/>.</exception>
    public async Task<TradeHistoryPage> PageAsync(int accountId, TradeHistoryFilter filter, int page, CancellationToken cancellationToken = default)
    {
        var text = filter.Market?.Trim() ?? "";
        if (text.Length > TradeHistoryFilter.MaxMarketTextLength)
            throw new ArgumentException($"The market filter can be at most {TradeHistoryFilter.MaxMarketTextLength} characters.", nameof(filter));

        await using var db = await contexts.CreateReadContextAsync(cancellationToken);
        var trades = db.Trades.AsNoTracking().Where(t => t.AccountId == accountId);
        if (filter.Side is { } side) trades = trades.Where(t => t.Side == side);
        if (filter.Action is { } action) trades = trades.Where(t => t.Action == action);
        if (text.Length > 0)
        {
            var pattern = "%" + EscapeLike(text) + "%";
            trades = trades.Where(t => db.Markets.Any(m => m.Id == t.MarketId
                && (EF.Functions.ILike(m.Question, pattern, @"\") || EF.Functions.ILike(m.Slug, pattern, @"\"))));
        }

        var total = await trades.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var shown = Math.Clamp(page, 1, pageCount);
        var rows = await trades
            .OrderByDescending(t => t.ExecutedAt).ThenByDescending(t => t.Id)
            .Skip((shown - 1) * PageSize)
            .Take(PageSize)
            .ToListAsync(cancellationToken);
        return new TradeHistoryPage(rows.ConvertAll(TradeView.From), shown, pageCount, total);
    }

    /// <summary>Typed text is matched literally: % and _ are not wildcards here.</summary>
    private static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
