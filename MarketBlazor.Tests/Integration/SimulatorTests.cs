using MarketBlazor.App.Live;
using MarketBlazor.App.Simulation;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Seeding;
using MarketBlazor.Data.Trading;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MarketBlazor.Tests.Integration;

public class SimulatorTests(DatabaseFixture database) : DatabaseTest(database)
{
    [Fact]
    public async Task Running_for_a_few_seconds_leaves_every_invariant_intact_and_nothing_runs_after_stop()
    {
        await new BulkSeeder(Database.ConnectionString).SeedAsync(new SeedOptions { Users = 30, Markets = 6, Trades = 300 });
        var board = new MarketBoard(Options.Create(new TradingOptions()), TimeProvider.System);
        await board.LoadAsync(Database.Contexts, CancellationToken.None);
        var broadcaster = new MarketBroadcaster(board);
        var trading = TradeServices.Service(Database.Contexts, broadcaster);
        await using var simulator = new TradingSimulator(trading, board, TimeProvider.System, NullLogger<TradingSimulator>.Instance) { Rate = 200 };

        simulator.Start();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (simulator.Stats().Filled < 150 && DateTime.UtcNow < deadline) await Task.Delay(50);
        await simulator.StopAsync();

        var stats = simulator.Stats();
        Assert.False(stats.Running);
        Assert.True(stats.Filled >= 150, $"only {stats.Filled} fills before the deadline");
        Assert.Equal(stats.Sent, stats.Filled + stats.RejectedTotal + stats.Failed);
        Assert.Equal(0, stats.Failed);
        Assert.True(stats.P99Milliseconds >= stats.P50Milliseconds);

        await using var db = await Database.Contexts.CreateDbContextAsync();
        var trades = await db.Trades.CountAsync();
        Assert.Equal(300 + stats.Filled, trades);
        await Invariants.AssertHoldAsync(Database.ConnectionString);

        // The board followed every fill exactly: its sequences match the database's.
        var sequences = await db.Markets.ToDictionaryAsync(m => m.Id, m => m.Sequence);
        Assert.All(board.Markets(), m => Assert.Equal(sequences[m.Id], m.Sequence));
    }

    [Fact]
    public async Task Trades_only_as_bots_and_even_with_most_bots_nearly_broke_few_orders_lack_cash()
    {
        await new BulkSeeder(Database.ConnectionString).SeedAsync(new SeedOptions { Users = 30, Markets = 6, Trades = 300 });
        await using (var db = await Database.Contexts.CreateDbContextAsync())
        {
            // Two bots in three keep 50 cents; their grant shrinks with their balance, so cash stays conserved.
            await db.Database.ExecuteSqlRawAsync("UPDATE accounts SET granted = granted - balance + 0.5, balance = 0.5 WHERE id % 3 <> 0");
            // A person whose account carries the simulated flag (as a careless import might leave it) is still a person.
            db.Users.Add(new MarketUser
            {
                UserName = "person@example.com",
                Email = "person@example.com",
                DisplayName = "Person",
                Account = new Account { DisplayName = "Person", Balance = 1_000m, Granted = 1_000m, IsSimulated = true },
            });
            await db.SaveChangesAsync();
        }
        await Invariants.AssertHoldAsync(Database.ConnectionString);
        var board = new MarketBoard(Options.Create(new TradingOptions()), TimeProvider.System);
        await board.LoadAsync(Database.Contexts, CancellationToken.None);
        var trading = TradeServices.Service(Database.Contexts, new MarketBroadcaster(board));
        await using var simulator = new TradingSimulator(trading, board, TimeProvider.System, NullLogger<TradingSimulator>.Instance) { Rate = 400 };

        simulator.Start();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (simulator.Stats().Sent < 600 && DateTime.UtcNow < deadline) await Task.Delay(50);
        await simulator.StopAsync();

        var stats = simulator.Stats();
        Assert.True(stats.Sent >= 600, $"only {stats.Sent} orders sent before the deadline");
        Assert.Equal(0, stats.Failed);
        var lackingCash = stats.Rejected.GetValueOrDefault(RejectReason.InsufficientFunds);
        var lackingShares = stats.Rejected.GetValueOrDefault(RejectReason.InsufficientShares);
        // At 400 orders/s on 6 markets many quotes go stale (the market moved first): that is contention, not funding.
        Assert.True(lackingCash + lackingShares <= stats.Sent / 50,
            $"{lackingCash} refused for cash and {lackingShares} for shares out of {stats.Sent} (more than 2 %): {string.Join(", ", stats.Rejected)}");
        Assert.True(stats.Filled >= stats.Sent / 4, $"only {stats.Filled} of {stats.Sent} filled: {string.Join(", ", stats.Rejected)}");

        await using var check = await Database.Contexts.CreateDbContextAsync();
        Assert.Equal(0, await check.Trades.CountAsync(t => check.Accounts.Any(a => a.Id == t.AccountId && a.UserId != null)));
        Assert.Equal(300 + stats.Filled, await check.Trades.CountAsync());
        await Invariants.AssertHoldAsync(Database.ConnectionString);
    }
}
