using MarketBlazor.App.Live;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Lifecycle;
using MarketBlazor.Data.Trading;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static MarketBlazor.Tests.Live.LiveTestKit;

namespace MarketBlazor.Tests.Live;

/// <summary>Launches, closes and resolutions reach the board like trades: once, in sequence order, balances included.</summary>
public sealed class MarketLifecycleLiveTests(DatabaseFixture database) : DatabaseTest(database)
{
    [Fact]
    public async Task A_launch_and_a_resolution_are_applied_once_in_order_with_their_payouts()
    {
        var creator = await Data.AccountAsync();
        var alice = await Data.AccountAsync();
        var board = Board();
        await board.LoadAsync(Database.Contexts, CancellationToken.None);
        using var broadcaster = new MarketBroadcaster(board);
        using var subscription = broadcaster.Subscribe(capacity: 100);
        var trading = TradeServices.Service(Database.Contexts, broadcaster);
        var lifecycle = Lifecycles.Service(Database.Contexts, trading, broadcaster);

        var market = Assert.IsType<MarketCreated>(await lifecycle.CreateAsync(Lifecycles.Proposal(), creator.Id)).Market;
        await board.ReachesAsync(market.Id, 0);
        Assert.Equal(market, board.Market(market.Id));
        var quote = board.Quote(market.Id, Side.Yes, TradeAction.Buy, 30).Quote!;
        Assert.IsType<OrderFilled>(await trading.PlaceOrderAsync(new OrderRequest(alice.Id, market.Id, Side.Yes, TradeAction.Buy, 30, (double)quote.AveragePrice, quote.Sequence, 0.5)));
        var resolved = Assert.IsType<MarketResolved>(await lifecycle.ResolveAsync(market.Id, new MarketActor(creator.Id, false), Resolution.Yes));
        await board.ReachesAsync(market.Id, resolved.Market.Sequence);

        await using var db = await Database.Contexts.CreateDbContextAsync();
        Assert.Equal(MarketSnapshot.From(await db.Markets.AsNoTracking().SingleAsync()), board.Market(market.Id));
        foreach (var id in new[] { creator.Id, alice.Id })
            Assert.Equal(await db.Accounts.Where(a => a.Id == id).Select(a => a.Balance).SingleAsync(), board.Account(id)!.Balance);
        var resolution = MarketEventView.From(await db.MarketEvents.AsNoTracking().SingleAsync(), await db.CashMovements.AsNoTracking().ToListAsync());
        var balanceBefore = board.Account(alice.Id)!.Balance;
        Assert.Equal(ApplyOutcome.AlreadyApplied, board.Apply(resolved.Market, resolution));
        Assert.Equal(balanceBefore, board.Account(alice.Id)!.Balance);
        // A resolved position was paid in cash: it no longer counts at the last price too.
        Assert.Equal(0m, board.MarkToMarket(board.Position(alice.Id, market.Id)!));

        var published = new List<MarketChange>();
        await WaitUntilAsync(() =>
        {
            while (subscription.Reader.TryRead(out var change)) published.Add(change);
            return published.Count >= 3;
        }, TimeSpan.FromSeconds(10), () => $"Only {published.Count} of 3 changes were published.");
        Assert.Equal([(0L, false, false), (1L, true, false), (2L, false, true)],
            published.Select(c => (c.Sequence, c.Trade is not null, c.Event is not null)));
        Assert.Equal(MarketEventKind.Resolved, published[^1].Event!.Kind);
    }

    [Fact]
    public async Task A_resolution_beyond_the_next_sequence_is_a_gap()
    {
        var creator = await Data.AccountAsync();
        var board = Board();
        await board.LoadAsync(Database.Contexts, CancellationToken.None);
        var lifecycle = Lifecycles.Service(Database.Contexts, TradeServices.Service(Database.Contexts));
        var market = Assert.IsType<MarketCreated>(await lifecycle.CreateAsync(Lifecycles.Proposal(), creator.Id)).Market;
        board.Launch(market);
        await lifecycle.CloseAsync(market.Id, new MarketActor(creator.Id, false));
        var resolved = Assert.IsType<MarketResolved>(await lifecycle.ResolveAsync(market.Id, new MarketActor(creator.Id, false), Resolution.Na));

        await using var db = await Database.Contexts.CreateDbContextAsync();
        var events = await db.MarketEvents.AsNoTracking().OrderBy(e => e.MarketSequence).ToListAsync();
        var movements = await db.CashMovements.AsNoTracking().ToListAsync();

        Assert.Equal(ApplyOutcome.Gap, board.Apply(resolved.Market, MarketEventView.From(events[1], movements)));
        Assert.Equal(0, board.Market(market.Id)!.Sequence);
    }
}
