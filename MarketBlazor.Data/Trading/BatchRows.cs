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
    /// The reads, compiled once per model: a compiled query may only run against the model it was
    /// compiled for, and the tests and the bench build several (one per host).
    /// </summary>
    private static readonly ConditionalWeakTable<IModel, Reads> Compiled = new();

    private sealed class Reads
    {
        /// <summary>
        /// A lone trader (every order of a spread market): the account by a scalar <c>a.id = @id</c>.
        /// PostgreSQL plans a prepared statement once for good (its generic plan) only when that plan
        /// looks no worse than planning for the values at hand; an <c>a.id = ANY(@ids)</c> filter
        /// never does (pg_prepared_statements: generic_plans 0, custom_plans 8), so every order paid
        /// a planning step. The scalar filter's generic plan is its custom plan, and is kept.
        /// </summary>
        public Func<MarketDbContext, int, int, IAsyncEnumerable<Row>> OneAccount { get; } = EF.CompileAsyncQuery(
            (MarketDbContext db, int marketId, int accountId) =>
                from m in db.Markets.AsNoTracking().Where(m => m.Id == marketId)
                from a in db.Accounts.AsNoTracking().Where(a => a.Id == accountId).DefaultIfEmpty()
                from p in db.Positions.AsNoTracking().Where(p => p.AccountId == a!.Id && p.MarketId == marketId).DefaultIfEmpty()
                select new Row(m, a, p));

        /// <summary>Several traders (a busy market's batch): planned per execution, once for the whole batch.</summary>
        public Func<MarketDbContext, int, int[], IAsyncEnumerable<Row>> ManyAccounts { get; } = EF.CompileAsyncQuery(
            (MarketDbContext db, int marketId, int[] accountIds) =>
                from m in db.Markets.AsNoTracking().Where(m => m.Id == marketId)
                from a in db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).DefaultIfEmpty()
                from p in db.Positions.AsNoTracking().Where(p => p.AccountId == a!.Id && p.MarketId == marketId).DefaultIfEmpty()
                select new Row(m, a, p));
    }

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
        var reads = Compiled.GetValue(db.Model, static _ => new Reads());
        var read = accountIds.Length == 1 ? reads.OneAccount(db, marketId, accountIds[0]) : reads.ManyAccounts(db, marketId, accountIds);
        await foreach (var row in read.WithCancellation(cancellationToken))
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
