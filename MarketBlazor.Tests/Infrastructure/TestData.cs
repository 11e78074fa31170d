using MarketBlazor.Data;
using MarketBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.Tests.Infrastructure;

/// <summary>Creates the rows a test needs, each test its own.</summary>
public sealed class TestData(IDbContextFactory<MarketDbContext> contexts)
{
    private int counter;

    public async Task<Market> MarketAsync(decimal liquidity = 100m, MarketStatus status = MarketStatus.Open, DateTimeOffset? closesAt = null)
    {
        var n = Interlocked.Increment(ref counter);
        var market = new Market
        {
            Slug = $"test-market-{n}-{Guid.NewGuid():N}"[..40],
            Question = $"Will test market {n} resolve Yes?",
            Category = "Testing",
            LiquidityB = liquidity,
            Status = status,
            ClosesAt = closesAt ?? DateTimeOffset.UtcNow.AddDays(30),
            CreatedAt = DateTimeOffset.UtcNow,
        };
        await using var db = await contexts.CreateDbContextAsync();
        db.Markets.Add(market);
        await db.SaveChangesAsync();
        return market;
    }

    public async Task<Account> AccountAsync(decimal balance = 1_000m)
    {
        var account = new Account { DisplayName = $"Trader {Interlocked.Increment(ref counter)}", Balance = balance, Granted = balance };
        await using var db = await contexts.CreateDbContextAsync();
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        return account;
    }

    /// <summary>A person (Identity user) and their account, written directly: for apps whose services the test cannot reach (other processes).</summary>
    public async Task<Account> PersonAsync(decimal balance = 1_000m)
    {
        var n = Interlocked.Increment(ref counter);
        var user = new MarketUser
        {
            UserName = $"person-{n}-{Guid.NewGuid():N}"[..30],
            DisplayName = $"Person {n}",
            CreatedAt = DateTimeOffset.UtcNow,
            Account = new Account { DisplayName = $"Person {n}", Balance = balance, Granted = balance },
        };
        await using var db = await contexts.CreateDbContextAsync();
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Account;
    }

    public async Task<(int Markets, int Accounts, int Positions, int Trades)> CountsAsync()
    {
        await using var db = await contexts.CreateDbContextAsync();
        return (await db.Markets.CountAsync(), await db.Accounts.CountAsync(), await db.Positions.CountAsync(), await db.Trades.CountAsync());
    }

    /// <summary>Every number an order could change, to prove a rejected order changed none of them.</summary>
    public async Task<string> FingerprintAsync()
    {
        await using var db = await contexts.CreateDbContextAsync();
        var markets = await db.Markets.AsNoTracking().OrderBy(m => m.Id)
            .Select(m => $"{m.Id}:{m.YesShares}:{m.NoShares}:{m.Collected}:{m.Volume}:{m.Sequence}").ToListAsync();
        var accounts = await db.Accounts.AsNoTracking().OrderBy(a => a.Id).Select(a => $"{a.Id}:{a.Balance}").ToListAsync();
        var positions = await db.Positions.AsNoTracking().OrderBy(p => p.AccountId).ThenBy(p => p.MarketId)
            .Select(p => $"{p.AccountId}/{p.MarketId}:{p.YesShares}:{p.NoShares}:{p.CostBasis}").ToListAsync();
        var trades = await db.Trades.CountAsync();
        return string.Join("|", markets.Concat(accounts).Concat(positions).Append($"trades={trades}"));
    }
}
