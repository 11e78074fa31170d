using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Queries;
using MarketBlazor.Tests.Infrastructure;

namespace MarketBlazor.Tests.Integration;

public class PeriodActivityReaderTests(DatabaseFixture database) : DatabaseTest(database)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly DateTimeOffset Today = Now.AddHours(-1);
    private static readonly DateTimeOffset Week = Now.AddDays(-7);
    private long sequence;

    [Fact]
    public async Task A_trade_yesterday_counts_for_the_week_but_not_today_and_one_last_month_for_neither()
    {
        var market = await Data.MarketAsync();
        var me = await Data.AccountAsync();
        await TradeAsync(me, market, Side.Yes, TradeAction.Buy, shares: 10m, amount: 6m, at: Now.AddMinutes(-5));
        await TradeAsync(me, market, Side.No, TradeAction.Buy, shares: 5m, amount: 2m, at: Now.AddDays(-1));
        await TradeAsync(me, market, Side.Yes, TradeAction.Buy, shares: 100m, amount: 50m, at: Now.AddDays(-30));
        var reader = new PeriodActivityReader(Database.Contexts);

        var today = Assert.Single(await reader.SinceAsync(Today));
        var week = Assert.Single(await reader.SinceAsync(Week));

        Assert.Equal(me.Id, today.AccountId);
        Assert.Equal(-6m, today.Cash);
        Assert.Equal(new PeriodShares(market.Id, 10m, 0m), Assert.Single(today.Shares));
        Assert.Equal(-8m, week.Cash);
        Assert.Equal(new PeriodShares(market.Id, 10m, 5m), Assert.Single(week.Shares));
    }

    [Fact]
    public async Task Sales_redemptions_and_cash_movements_count_and_idle_accounts_are_absent()
    {
        var market = await Data.MarketAsync();
        var other = await Data.MarketAsync();
        var me = await Data.AccountAsync();
        var idle = await Data.AccountAsync();
        await TradeAsync(idle, market, Side.Yes, TradeAction.Buy, shares: 3m, amount: 1m, at: Now.AddDays(-20));
        await TradeAsync(me, market, Side.Yes, TradeAction.Sell, shares: 4m, amount: 3m, at: Now.AddMinutes(-10));
        // Buying No while holding Yes: 2 pairs leave both sides and pay 1 each.
        await TradeAsync(me, market, Side.No, TradeAction.Buy, shares: 6m, amount: 2.5m, at: Now.AddMinutes(-9), redeemed: 2m);
        await MoveCashAsync(me, other, CashMovementKind.Payout, 7m, Now.AddMinutes(-8));
        await MoveCashAsync(me, other, CashMovementKind.Subsidy, -100m, Now.AddDays(-3));

        var today = Assert.Single(await new PeriodActivityReader(Database.Contexts).SinceAsync(Today));

        Assert.Equal(me.Id, today.AccountId);
        Assert.Equal(3m - 2.5m + 2m + 7m, today.Cash);
        Assert.Equal(new PeriodShares(market.Id, -4m - 2m, 6m - 2m), Assert.Single(today.Shares));
    }

    private async Task TradeAsync(Account account, Market market, Side side, TradeAction action, decimal shares, decimal amount, DateTimeOffset at, decimal redeemed = 0m)
    {
        await using var db = await Database.Contexts.CreateDbContextAsync();
        db.Trades.Add(new Trade
        {
            OrderId = Guid.NewGuid(),
            MarketId = market.Id,
            AccountId = account.Id,
            Side = side,
            Action = action,
            Shares = shares,
            Amount = amount,
            Redeemed = redeemed,
            PriceBefore = 0.5m,
            PriceAfter = 0.5m,
            MarketSequence = ++sequence,
            ExecutedAt = at,
        });
        await db.SaveChangesAsync();
    }

    private async Task MoveCashAsync(Account account, Market market, CashMovementKind kind, decimal amount, DateTimeOffset at)
    {
        await using var db = await Database.Contexts.CreateDbContextAsync();
        db.CashMovements.Add(new CashMovement { AccountId = account.Id, MarketId = market.Id, Kind = kind, Amount = amount, MarketSequence = ++sequence, CreatedAt = at });
        await db.SaveChangesAsync();
    }
}
