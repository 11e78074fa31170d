using MarketBlazor.App.Live;
using MarketBlazor.App.Simulation;
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
}
