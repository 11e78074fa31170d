using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Lifecycle;
using MarketBlazor.Data.Trading;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.Tests.Integration;

public class ResolutionRaceTests(DatabaseFixture database) : DatabaseTest(database)
{
    private const int Traders = 16;
    private const int FillsBeforeResolving = 40;

    [Fact]
    public async Task Orders_racing_a_resolution_either_fill_before_it_or_are_refused_as_closed()
    {
        var trading = TradeServices.Service(Database.Contexts);
        // A second trade service has lanes of its own, like another app process: only xmin keeps it out.
        var otherProcess = TradeServices.Service(Database.Contexts);
        var lifecycle = Lifecycles.Service(Database.Contexts, trading);
        var creator = await Data.AccountAsync();
        var market = Assert.IsType<MarketCreated>(await lifecycle.CreateAsync(Lifecycles.Proposal(liquidity: 500m), creator.Id)).Market;
        var traders = new List<Account>();
        for (var i = 0; i < Traders; i++) traders.Add(await Data.AccountAsync(100_000m));

        var fills = 0;
        var enoughFills = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var results = new System.Collections.Concurrent.ConcurrentBag<OrderResult>();
        var hammering = traders.Select((trader, i) => Task.Run(async () =>
        {
            var service = i % 2 == 0 ? trading : otherProcess;
            var random = new Random(i);
            while (true)
            {
                var side = random.Next(2) == 0 ? Side.Yes : Side.No;
                // Any price is accepted: the race is with the resolution, not with each other's quotes.
                var result = await service.PlaceOrderAsync(new OrderRequest(trader.Id, market.Id, side, TradeAction.Buy, 1 + random.Next(5), 0.5, 0, 0.5));
                results.Add(result);
                if (result is OrderFilled && Interlocked.Increment(ref fills) == FillsBeforeResolving) enoughFills.TrySetResult();
                if (result is OrderRejected { Reason: RejectReason.MarketClosed }) return;
            }
        })).ToList();

        await enoughFills.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var resolved = Assert.IsType<MarketResolved>(await lifecycle.ResolveAsync(market.Id, new MarketActor(creator.Id, false), Resolution.Yes));
        await Task.WhenAll(hammering).WaitAsync(TimeSpan.FromSeconds(60));

        var resolution = resolved.Market.Sequence;
        var filled = results.OfType<OrderFilled>().ToList();
        Assert.All(results, r => Assert.True(
            r is OrderFilled f ? f.Trade.Sequence < resolution : r is OrderRejected { Reason: RejectReason.MarketClosed or RejectReason.Busy },
            $"{r} at resolution sequence {resolution}"));
        Assert.Equal(Traders, results.Count(r => r is OrderRejected { Reason: RejectReason.MarketClosed }));
        await using var db = await Database.Contexts.CreateDbContextAsync();
        Assert.Equal(filled.Count, await db.Trades.CountAsync());
        Assert.Equal(resolution - 1, await db.Trades.MaxAsync(t => t.MarketSequence));
        Assert.Equal(resolved.Settlement.TotalPaid, (await db.CashMovements.Where(c => c.Kind == CashMovementKind.Payout).ToListAsync()).Sum(c => c.Amount));
        await Invariants.AssertHoldAsync(Database.ConnectionString);
    }
}
