using MarketBlazor.App.Live;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Queries;
using MarketBlazor.Data.Trading;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static MarketBlazor.Tests.Live.LiveTestKit;

namespace MarketBlazor.Tests.Live;

/// <summary>
/// The market board against real committed trades: the real trade service over the test database
/// with the real broadcaster as its sink, exactly as the app wires them.
/// </summary>
public sealed class MarketBoardTests(DatabaseFixture database) : DatabaseTest(database)
{
    [Fact]
    public async Task The_board_follows_every_fill_and_ends_equal_to_the_database()
    {
        var hot = await Data.MarketAsync();
        var quiet = await Data.MarketAsync(liquidity: 50m);
        var alice = await Data.AccountAsync(5_000m);
        var bob = await Data.AccountAsync(5_000m);
        var board = Board();
        await board.LoadAsync(Database.Contexts, CancellationToken.None);
        using var broadcaster = new MarketBroadcaster(board);
        using var subscription = broadcaster.Subscribe(capacity: 1_000);
        var trading = TradeServices.Service(Database.Contexts, broadcaster);

        await FillAsync(trading, board, alice.Id, hot.Id, Side.Yes, TradeAction.Buy, 40);
        await FillAsync(trading, board, bob.Id, hot.Id, Side.No, TradeAction.Buy, 25);
        await FillAsync(trading, board, alice.Id, quiet.Id, Side.No, TradeAction.Buy, 10);
        var aliceYes = board.Position(alice.Id, hot.Id)!.YesShares;
        await FillAsync(trading, board, alice.Id, hot.Id, Side.Yes, TradeAction.Sell, (double)Math.Round(aliceYes / 2, Pricing.MoneyDecimals));
        // Concurrent orders on one market: the trade service serialises them, and the board must
        // still see each exactly once, in sequence order.
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            FillAsync(trading, board, i % 2 == 0 ? alice.Id : bob.Id, hot.Id, i % 3 == 0 ? Side.No : Side.Yes, TradeAction.Buy, 5 + i)));

        await AssertBoardMatchesDatabaseAsync(board, [hot.Id, quiet.Id], [alice.Id, bob.Id]);

        // Every change was published once, per market in sequence order, with no gap. Fan-out is
        // asynchronous: collect until all 16 arrived, or a deadline.
        var published = new List<MarketChange>();
        await WaitUntilAsync(() =>
        {
            while (subscription.Reader.TryRead(out var change)) published.Add(change);
            return published.Count >= 16;
        }, TimeSpan.FromSeconds(10), () => $"Only {published.Count} of 16 changes were published.");
        Assert.False(subscription.ResyncNeeded);
        Assert.Equal(Enumerable.Range(1, 15).Select(i => (long)i), published.Where(c => c.Market.Id == hot.Id).Select(c => c.Market.Sequence));
        Assert.Equal([1L], published.Where(c => c.Market.Id == quiet.Id).Select(c => c.Market.Sequence));

        // A board loaded from scratch now must agree with the one kept current change by change.
        var reloaded = Board();
        await reloaded.LoadAsync(Database.Contexts, CancellationToken.None);
        foreach (var id in new[] { hot.Id, quiet.Id })
        {
            Assert.Equal(reloaded.Market(id), board.Market(id));
            // Times compared at PostgreSQL's precision (microseconds): the live board keeps the trade
            // service's own clock reading, the reloaded one what the database stored.
            Assert.Equal(reloaded.History(id), board.History(id).Select(p => p with { At = Microseconds(p.At) }));
            Assert.Equal(reloaded.RecentTrades(id), board.RecentTrades(id).Select(t => t with { ExecutedAt = Microseconds(t.ExecutedAt) }));
        }
        Assert.Equal(reloaded.Accounts(), board.Accounts());
        Assert.Equal(reloaded.PositionsOf(alice.Id), board.PositionsOf(alice.Id));
        Assert.Equal(reloaded.PositionsOf(bob.Id), board.PositionsOf(bob.Id));
    }

    [Fact]
    public async Task Duplicate_and_older_changes_are_ignored_and_not_republished()
    {
        var market = await Data.MarketAsync();
        var alice = await Data.AccountAsync();
        var board = Board();
        await board.LoadAsync(Database.Contexts, CancellationToken.None);
        using var broadcaster = new MarketBroadcaster(board);
        using var subscription = broadcaster.Subscribe();
        var trading = TradeServices.Service(Database.Contexts, broadcaster);

        var first = await FillAsync(trading, board, alice.Id, market.Id, Side.Yes, TradeAction.Buy, 30);
        var second = await FillAsync(trading, board, alice.Id, market.Id, Side.Yes, TradeAction.Buy, 20);
        await NextChangeAsync(subscription, 1);
        await NextChangeAsync(subscription, 2);
        var before = Describe(board, market.Id, alice.Id);

        // Redeliveries, as a replay or a second notification path would produce them.
        Assert.Equal(ApplyOutcome.AlreadyApplied, board.Apply(second.Market, second.Trade!));
        Assert.Equal(ApplyOutcome.AlreadyApplied, board.Apply(first.Market, first.Trade!));
        Assert.Equal(before, Describe(board, market.Id, alice.Id));
        broadcaster.Committed(second.Market, second.Trade);
        broadcaster.Committed(first.Market, first.Trade);

        // Nothing was republished: a market's changes are applied and delivered in order by its shard,
        // so the next thing the subscriber sees must be the next real trade, not a redelivered 2 or 1,
        // and by then the redeliveries were handled.
        await FillAsync(trading, board, alice.Id, market.Id, Side.No, TradeAction.Buy, 5);
        await NextChangeAsync(subscription, 3);
        Assert.Equal(4, board.History(market.Id).Count);
        await AssertBoardMatchesDatabaseAsync(board, [market.Id], [alice.Id]);
    }

    [Fact]
    public void A_change_for_a_market_the_board_has_not_loaded_adds_it()
    {
        // Markets opened after start-up first reach the board through their first trade.
        var board = Board();
        var change = Change(1, marketId: 42);
        Assert.Equal(ApplyOutcome.Applied, board.Apply(change.Market, change.Trade!));
        Assert.Equal(change.Market, board.Market(42));
        Assert.Equal(change.Market, board.MarketBySlug("MARKET-42"));
        Assert.Equal([0L, 1L], board.History(42).Select(p => p.Sequence));
    }

    [Fact]
    public void A_change_beyond_the_next_sequence_is_not_applied_out_of_order()
    {
        // Applying 3 on top of 1 would lose trade 2's cash and shares for good; the board must refuse
        // it and leave the market to be repaired from the database.
        var board = Board();
        board.Apply(Change(1).Market, Change(1).Trade!);
        var before = Describe(board, 1, 1);

        Assert.Equal(ApplyOutcome.Gap, board.Apply(Change(3).Market, Change(3).Trade!));
        Assert.Equal(before, Describe(board, 1, 1));
        Assert.Equal(ApplyOutcome.Applied, board.Apply(Change(2).Market, Change(2).Trade!));
        Assert.Equal(2, board.Market(1)!.Sequence);
    }

    [Fact]
    public async Task Start_up_loads_only_the_trades_the_board_keeps_and_the_market_as_committed()
    {
        var market = await Data.MarketAsync();
        var alice = await Data.AccountAsync();
        var trades = BoardSnapshot.PointsLoaded + 200;
        var executedFrom = DateTimeOffset.UtcNow.AddDays(-2);
        await using (var db = await Database.Contexts.CreateDbContextAsync())
        {
            // Written directly: what is tested is how much of a long history is read back, not how it was traded.
            db.Trades.AddRange(Enumerable.Range(1, trades).Select(sequence => new Trade
            {
                OrderId = Guid.NewGuid(), MarketId = market.Id, AccountId = alice.Id, Side = Side.Yes, Action = TradeAction.Buy,
                Shares = 1m, Amount = 0.5m, PriceBefore = 0.5m, PriceAfter = 0.5m + sequence / 1_000_000m,
                MarketSequence = sequence, ExecutedAt = executedFrom.AddSeconds(sequence),
            }));
            var row = await db.Markets.SingleAsync(m => m.Id == market.Id);
            row.Sequence = trades;
            row.YesShares = trades;
            row.Volume = trades * 0.5m;
            await db.SaveChangesAsync();
        }

        var board = Board();
        await board.LoadAsync(Database.Contexts, CancellationToken.None);

        await using var check = await Database.Contexts.CreateDbContextAsync();
        Assert.Equal(MarketSnapshot.From(await check.Markets.AsNoTracking().SingleAsync(m => m.Id == market.Id)), board.Market(market.Id));
        var history = board.History(market.Id);
        Assert.Equal(BoardSnapshot.PointsLoaded + 1, history.Count);
        Assert.Equal(0, history[0].Sequence);
        Assert.Equal(Enumerable.Range(trades - BoardSnapshot.PointsLoaded + 1, BoardSnapshot.PointsLoaded).Select(s => (long)s), history.Skip(1).Select(p => p.Sequence));
        Assert.Equal(0.5m + trades / 1_000_000m, history[^1].YesPrice);
        Assert.Equal(Enumerable.Range(trades - MarketBoard.RecentTradesKept + 1, MarketBoard.RecentTradesKept).Reverse().Select(s => (long)s),
            board.RecentTrades(market.Id).Select(t => t.Sequence));
        Assert.Equal(10, board.CatchUp(market.Id, trades - 10).Missed!.Count);
        Assert.Null(board.CatchUp(market.Id, 0).Missed);
    }

    private static DateTimeOffset Microseconds(DateTimeOffset at) => new(at.Ticks - at.Ticks % 10, at.Offset);

    private static async Task NextChangeAsync(MarketSubscription subscription, long expectedSequence)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var change = await subscription.Reader.ReadAsync(timeout.Token);
        Assert.Equal(expectedSequence, change.Market.Sequence);
    }

    private static string Describe(MarketBoard board, int marketId, int accountId) =>
        $"{board.Market(marketId)} | {board.Account(accountId)} | {board.Position(accountId, marketId)} | " +
        string.Join(",", board.History(marketId).Select(p => p.Sequence)) + " | " + string.Join(",", board.RecentTrades(marketId).Select(t => t.Id));

    private static async Task<OrderFilled> FillAsync(TradeService trading, MarketBoard board, int accountId, int marketId, Side side, TradeAction action, double amount)
    {
        // Quoted from the board, as the trade ticket does; the widest tolerance so that concurrent
        // orders fill rather than go stale (staleness is the trade service's own tests' business).
        var quoted = board.Quote(marketId, side, action, amount);
        var quote = quoted.Quote ?? throw new InvalidOperationException($"No quote for {action} {side} {amount}: {quoted.Rejection}");
        var result = await trading.PlaceOrderAsync(new OrderRequest(accountId, marketId, side, action, amount,
            (double)quote.AveragePrice, quote.Sequence, 0.5));
        var filled = Assert.IsType<OrderFilled>(result);
        await board.ReachesAsync(marketId, filled.Market.Sequence);
        return filled;
    }

    private async Task AssertBoardMatchesDatabaseAsync(MarketBoard board, int[] marketIds, int[] accountIds)
    {
        await using var db = await Database.Contexts.CreateDbContextAsync();
        foreach (var id in marketIds)
        {
            var market = await db.Markets.AsNoTracking().SingleAsync(m => m.Id == id);
            Assert.Equal(MarketSnapshot.From(market), board.Market(id));
            var trades = await db.Trades.AsNoTracking().Where(t => t.MarketId == id).OrderBy(t => t.MarketSequence).ToListAsync();
            Assert.Equal(trades.Select(t => t.MarketSequence).Prepend(0), board.History(id).Select(p => p.Sequence));
            Assert.Equal(trades.Select(t => t.Id).Reverse().Take(MarketBoard.RecentTradesKept), board.RecentTrades(id).Select(t => t.Id));
        }
        foreach (var id in accountIds)
        {
            var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == id);
            Assert.Equal(account.Balance, board.Account(id)!.Balance);
            var positions = await db.Positions.AsNoTracking().Where(p => p.AccountId == id && (p.YesShares > 0 || p.NoShares > 0))
                .OrderBy(p => p.MarketId).ToListAsync();
            Assert.Equal(positions.Select(p => new PositionView(p.MarketId, p.YesShares, p.NoShares, p.CostBasis)), board.PositionsOf(id));
        }
    }
}
