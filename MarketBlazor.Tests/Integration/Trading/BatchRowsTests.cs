using System.Reflection;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Lifecycle;
using MarketBlazor.Data.Trading;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.Tests.Integration.Trading;

/// <summary>The batch read maps its columns by hand (no EF Core materializer on the trade path): it must read every row exactly as EF Core's model does.</summary>
public class BatchRowsTests(DatabaseFixture database) : DatabaseTest(database)
{
    [Fact]
    public async Task A_lone_traders_read_matches_what_ef_core_reads_column_for_column()
    {
        var (market, trader, _) = await EveryColumnSetAsync();

        var rows = await LoadAsync(market.Id, trader.Id);

        await AssertSameAsEfCoreAsync(rows, market.Id, [trader.Id]);
    }

    [Fact]
    public async Task A_batch_of_several_traders_reads_each_account_and_only_the_positions_that_exist()
    {
        var (market, trader, other) = await EveryColumnSetAsync();

        var rows = await LoadAsync(market.Id, trader.Id, other.Id);

        await AssertSameAsEfCoreAsync(rows, market.Id, [trader.Id, other.Id]);
        Assert.False(rows.Positions.ContainsKey(other.Id));
    }

    [Fact]
    public async Task An_unknown_market_reads_as_none_and_an_unknown_account_as_absent()
    {
        var market = await Data.MarketAsync();

        Assert.Null((await LoadAsync(market.Id + 1000, 1)).Market);
        var rows = await LoadAsync(market.Id, 424242);
        Assert.NotNull(rows.Market);
        Assert.Empty(rows.Accounts);
    }

    /// <summary>A resolved market and a person's account with every nullable column filled, and one position.</summary>
    private async Task<(Market Market, Account Trader, Account Other)> EveryColumnSetAsync()
    {
        var market = await Data.MarketAsync(liquidity: 250m);
        var trader = await Data.PersonAsync(balance: 1_234.5678m);
        var other = await Data.AccountAsync();
        await using var db = await Database.Contexts.CreateDbContextAsync();
        await db.Markets.Where(m => m.Id == market.Id).ExecuteUpdateAsync(m => m
            .SetProperty(x => x.Description, "Settles on the **official** count.")
            .SetProperty(x => x.CreatorAccountId, trader.Id)
            .SetProperty(x => x.Status, MarketStatus.Resolved)
            .SetProperty(x => x.Resolution, Resolution.Yes)
            .SetProperty(x => x.ResolutionProbability, 0.625m)
            .SetProperty(x => x.ClosedAt, DateTimeOffset.UtcNow.AddMinutes(-5))
            .SetProperty(x => x.ResolvedAt, DateTimeOffset.UtcNow)
            // Every number distinct, so two columns read into each other's places cannot pass.
            .SetProperty(x => x.YesShares, 110.5m)
            .SetProperty(x => x.NoShares, 95.25m)
            .SetProperty(x => x.InitialYesShares, 101m)
            .SetProperty(x => x.InitialNoShares, 99m)
            .SetProperty(x => x.Subsidy, 17.5m)
            .SetProperty(x => x.Collected, 15.75m)
            .SetProperty(x => x.Volume, 12.5m)
            .SetProperty(x => x.Sequence, 7));
        db.Positions.Add(new Position { AccountId = trader.Id, MarketId = market.Id, YesShares = 3.25m, NoShares = 1.5m, CostBasis = 2.75m });
        await db.SaveChangesAsync();
        return (market, trader, other);
    }

    private async Task<BatchRows> LoadAsync(int marketId, params int[] accountIds)
    {
        await using var db = await Database.Contexts.CreateDbContextAsync();
        var batch = accountIds.Select(id => new PendingOrder(
            new OrderRequest(id, marketId, Side.Yes, TradeAction.Buy, 10, 0.5, 0, 0.05, Guid.NewGuid()), 10m, DateTimeOffset.UtcNow.AddSeconds(5), true)).ToList();
        return await BatchRows.LoadAsync(db, batch, CancellationToken.None);
    }

    private async Task AssertSameAsEfCoreAsync(BatchRows rows, int marketId, int[] accountIds)
    {
        await using var db = await Database.Contexts.CreateDbContextAsync();
        AssertSameColumns(await db.Markets.AsNoTracking().SingleAsync(m => m.Id == marketId), rows.Market!);
        foreach (var id in accountIds)
            AssertSameColumns(await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == id), rows.Accounts[id]);
        foreach (var position in await db.Positions.AsNoTracking().Where(p => p.MarketId == marketId).ToListAsync())
            AssertSameColumns(position, rows.Positions[position.AccountId]);
    }

    /// <summary>Every mapped scalar property (navigations left out), so a column added to an entity and not to the read fails here.</summary>
    private static void AssertSameColumns<T>(T expected, T actual)
    {
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => IsScalar(p.PropertyType)))
            Assert.True(Equals(property.GetValue(expected), property.GetValue(actual)),
                $"{typeof(T).Name}.{property.Name}: EF Core read {property.GetValue(expected)}, the batch read {property.GetValue(actual)}");
    }

    private static bool IsScalar(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsPrimitive || underlying.IsEnum || underlying == typeof(string) || underlying == typeof(decimal)
               || underlying == typeof(DateTimeOffset) || underlying == typeof(Guid);
    }
}
