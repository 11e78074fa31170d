using MarketBlazor.App.Live;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Lifecycle;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MarketBlazor.Tests.Live.LiveTestKit;

namespace MarketBlazor.Tests.Api;

/// <summary>The app's hosted closer: a market past its close time turns closed on the board without anyone asking.</summary>
public class MarketCloserTests(DatabaseFixture database) : ApiTest(database)
{
    protected override IReadOnlyDictionary<string, string>? Settings => new Dictionary<string, string> { ["Lifecycle:CloseInterval"] = "00:00:00.100" };

    [Fact]
    public async Task A_market_past_its_close_time_is_closed_by_the_app_and_shown_closed_live()
    {
        var creator = await Data.AccountAsync();
        await Client.GetAsync("/api/markets");
        var lifecycle = AppServices.GetRequiredService<MarketLifecycle>();
        var board = AppServices.GetRequiredService<MarketBoard>();
        var market = Assert.IsType<MarketCreated>(await lifecycle.CreateAsync(Lifecycles.Proposal(), creator.Id)).Market;
        await using (var db = await Database.Contexts.CreateDbContextAsync())
            await db.Markets.Where(m => m.Id == market.Id).ExecuteUpdateAsync(m => m.SetProperty(x => x.ClosesAt, DateTimeOffset.UtcNow.AddSeconds(-1)));

        await WaitUntilAsync(() => board.Market(market.Id)?.Status == MarketStatus.Closed, TimeSpan.FromSeconds(10),
            () => $"the board still shows market {market.Id} as {board.Market(market.Id)?.Status}");

        Assert.Equal(1, board.Market(market.Id)!.Sequence);
        await Invariants.AssertHoldAsync(Database.ConnectionString);
    }
}
