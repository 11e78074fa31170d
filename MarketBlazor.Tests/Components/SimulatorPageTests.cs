using Bunit;
using MarketBlazor.App.Components.Pages.Simulator;
using MarketBlazor.App.Simulation;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MarketBlazor.Tests.Components;

public class SimulatorPageTests(DatabaseFixture database) : DatabaseTest(database)
{
    [Fact]
    public async Task The_simulator_starts_counts_and_stops_with_its_circuit()
    {
        for (var i = 0; i < 3; i++) await Data.MarketAsync();
        for (var i = 0; i < 5; i++) await SimulatedAccountAsync();
        var context = await MudTestContext.StartAsync(Database);
        context.Services.AddScoped<TradingSimulator>();
        var page = context.Render<SimulatorPage>();
        var simulator = context.Services.GetRequiredService<TradingSimulator>();
        Assert.Equal("Start trading", page.Find("[data-testid=simulator-toggle]").TextContent.Trim());

        page.Find("[data-testid=simulator-toggle]").Click();

        Assert.True(simulator.IsRunning);
        page.WaitForAssertion(() =>
        {
            Assert.True(long.Parse(page.Find("[data-testid=simulator-filled]").TextContent.Replace(",", "")) >= 5);
            Assert.Equal("Stop trading", page.Find("[data-testid=simulator-toggle]").TextContent.Trim());
        }, TimeSpan.FromSeconds(10));

        // Disposing the context is what the end of a circuit does to its scoped services.
        await context.DisposeAsync();

        Assert.False(simulator.IsRunning);
        var trades = await CountTradesAsync();
        // Proving an absence: nothing may trade after the circuit ended, so look again a little later.
        await Task.Delay(300);
        Assert.Equal(trades, await CountTradesAsync());
        Assert.Equal(simulator.Stats().Filled, trades);
        await Invariants.AssertHoldAsync(Database.ConnectionString);
    }

    private async Task SimulatedAccountAsync()
    {
        var account = await Data.AccountAsync(1_000m);
        await using var db = await Database.Contexts.CreateDbContextAsync();
        await db.Accounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(a => a.SetProperty(x => x.IsSimulated, true));
    }

    private async Task<int> CountTradesAsync()
    {
        await using var db = await Database.Contexts.CreateDbContextAsync();
        return await db.Trades.CountAsync();
    }
}
