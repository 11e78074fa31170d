using MarketBlazor.Data.Entities;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace MarketBlazor.Data.Trading;

/// <summary>
/// The rows a batch reads and writes: its market, its traders' accounts and their positions in it.
/// Read in one round trip (market, accounts and positions joined) without tracking, xmin included:
/// the write (<see cref="FillWrite"/>) is gated by the xmin read here.
/// </summary>
internal sealed class BatchRows
{
    private sealed record Row(Market Market, Account? Account, Position? Position);

    /// <summary>
    /// The read, compiled once per model: a compiled query may only run against the model it was
    /// compiled for, and the tests and the bench build several (one per host).
    /// </summary>
    private static readonly ConditionalWeakTable<IModel, Func<MarketDbContext, int, int[], IAsyncEnumerable<Row>>> Queries = new();

    private static Func<MarketDbContext, int, int[], IAsyncEnumerable<Row>> Compile() => EF.CompileAsyncQuery(
        (MarketDbContext db, int marketId, int[] accountIds) =>
            from m in db.Markets.AsNoTracking().Where(m => m.Id == marketId)
            from a in db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).DefaultIfEmpty()
            from p in db.Positions.AsNoTracking().Where(p => p.AccountId == a!.Id && p.MarketId == marketId).DefaultIfEmpty()
            select new Row(m, a, p));

    private BatchRows(Market? market)
    {
        Market = market;
    }

    /// <summary>Null when the market does not exist.</summary>
    public Market? Market { get; }
    public Dictionary<int, Account> Accounts { get; } = [];
    public Dictionary<int, Position> Positions { get; } = [];

    public static async Task<BatchRows> LoadAsync(MarketDbContext db, List<PendingOrder> batch, CancellationToken cancellationToken)
    {
        var marketId = batch[0].Order.MarketId;
        var accountIds = batch.Select(p => p.Order.AccountId).Distinct().ToArray();
        BatchRows? rows = null;
        var query = Queries.GetValue(db.Model, static _ => Compile());
        await foreach (var row in query(db, marketId, accountIds).WithCancellation(cancellationToken))
        {
            rows ??= new BatchRows(row.Market);
            if (row.Account is null) continue;
            rows.Accounts[row.Account.Id] = row.Account;
            if (row.Position is not null) rows.Positions[row.Account.Id] = row.Position;
        }
        return rows ?? new BatchRows(null);
    }

    /// <summary>The account's position in this market, a new empty one when it holds none yet.</summary>
    public Position PositionOf(int accountId)
    {
        if (Positions.TryGetValue(accountId, out var position)) return position;
        position = new Position { AccountId = accountId, MarketId = Market!.Id };
        Positions[accountId] = position;
        return position;
    }
}
