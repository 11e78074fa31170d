using System.Data.Common;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace MarketBlazor.Tests.Integration;

public class TradeServiceTests(DatabaseFixture database) : DatabaseTest(database)
{
    private TradeService Service => TradeServices.Service(Database.Contexts);

    private async Task<Quote> QuoteAsync(TradeService service, int marketId, Side side, TradeAction action, double amount)
    {
        var result = await service.QuoteAsync(marketId, side, action, amount);
        return result.Quote ?? throw new Xunit.Sdk.XunitException($"no quote: {result.Rejection}");
    }

    private static OrderRequest OrderFor(int accountId, Quote quote, double slippage = 0.01) =>
        new(accountId, quote.MarketId, quote.Side, quote.Action, (double)quote.Amount, (double)quote.AveragePrice, quote.Sequence, slippage);

    [Fact]
    public async Task A_buy_at_the_quoted_price_fills_and_moves_cash_shares_and_sequence()
    {
        var market = await Data.MarketAsync();
        var account = await Data.AccountAsync(1_000m);
        var quote = await QuoteAsync(Service, market.Id, Side.Yes, TradeAction.Buy, 10);

        var filled = Assert.IsType<OrderFilled>(await Service.PlaceOrderAsync(OrderFor(account.Id, quote)));

        Assert.Equal(quote.Shares, filled.Trade.Shares);
        Assert.Equal(10m, filled.Trade.Amount);
        Assert.Equal(990m, filled.Balance);
        Assert.Equal(1, filled.Trade.Sequence);
        Assert.Equal(1, filled.Market.Sequence);
        Assert.Equal(0.5476m, Math.Round(filled.Market.YesPrice, 4));
        await using var db = await Database.Contexts.CreateDbContextAsync();
        var position = await db.Positions.SingleAsync();
        Assert.Equal(quote.Shares, position.YesShares);
        Assert.Equal(10m, position.CostBasis);
        await Invariants.AssertHoldAsync(Database.ConnectionString);
    }

    [Fact]
    public async Task Selling_returns_cash_and_reduces_the_position()
    {
        var market = await Data.MarketAsync();
        var account = await Data.AccountAsync();
        var bought = Assert.IsType<OrderFilled>(await Service.PlaceOrderAsync(OrderFor(account.Id, await QuoteAsync(Service, market.Id, Side.No, TradeAction.Buy, 50))));
        var sellQuote = await QuoteAsync(Service, market.Id, Side.No, TradeAction.Sell, (double)(bought.Trade.Shares / 2));

        var sold = Assert.IsType<OrderFilled>(await Service.PlaceOrderAsync(OrderFor(account.Id, sellQuote)));

        Assert.Equal(sellQuote.Cash, sold.Trade.Amount);
        Assert.Equal(950m + sellQuote.Cash, sold.Balance);
        Assert.Equal(2, sold.Market.Sequence);
        await Invariants.AssertHoldAsync(Database.ConnectionString);
    }

    [Fact]
    public async Task A_quote_made_stale_beyond_tolerance_is_rejected_with_a_fresh_quote_and_writes_nothing()
    {
        var market = await Data.MarketAsync();
        var mover = await Data.AccountAsync(10_000m);
        var trader = await Data.AccountAsync();
        var seen = await QuoteAsync(Service, market.Id, Side.Yes, TradeAction.Buy, 10);
        await Service.PlaceOrderAsync(OrderFor(mover.Id, await QuoteAsync(Service, market.Id, Side.Yes, TradeAction.Buy, 200)));
        var before = await Data.FingerprintAsync();

        var rejected = Assert.IsType<OrderRejected>(await Service.PlaceOrderAsync(OrderFor(trader.Id, seen, slippage: 0.02)));

        Assert.Equal(RejectReason.StaleQuote, rejected.Reason);
        Assert.NotNull(rejected.FreshQuote);
        Assert.Equal(1, rejected.FreshQuote.Sequence);
        Assert.True(rejected.FreshQuote.AveragePrice - seen.AveragePrice > 0.02m);
        Assert.Equal(before, await Data.FingerprintAsync());

        var accepted = Assert.IsType<OrderFilled>(await Service.PlaceOrderAsync(OrderFor(trader.Id, rejected.FreshQuote)));
        Assert.Equal(rejected.FreshQuote.Shares, accepted.Trade.Shares);
    }

    [Fact]
    public async Task A_move_within_tolerance_fills_at_a_price_within_tolerance_of_the_quote()
    {
        var market = await Data.MarketAsync();
        var mover = await Data.AccountAsync();
        var trader = await Data.AccountAsync();
        var seen = await QuoteAsync(Service, market.Id, Side.Yes, TradeAction.Buy, 10);
        await Service.PlaceOrderAsync(OrderFor(mover.Id, await QuoteAsync(Service, market.Id, Side.Yes, TradeAction.Buy, 2)));

        var filled = Assert.IsType<OrderFilled>(await Service.PlaceOrderAsync(OrderFor(trader.Id, seen, slippage: 0.02)));

        Assert.Equal(2, filled.Trade.Sequence);
        Assert.NotEqual(seen.AveragePrice, filled.Trade.AveragePrice);
        Assert.InRange(filled.Trade.AveragePrice, seen.AveragePrice - 0.02m, seen.AveragePrice + 0.02m);
        Assert.True(filled.Trade.Shares < seen.Shares, "the later fill should get fewer shares for the same cash");
    }

    [Fact]
    public async Task A_concurrent_commit_between_read_and_write_is_retried_and_ends_correct()
    {
        var market = await Data.MarketAsync();
        var first = await Data.AccountAsync();
        var second = await Data.AccountAsync();
        var otherProcess = TradeServices.Service(Database.CreateFactory());
        var secondOrder = OrderFor(second.Id, await QuoteAsync(otherProcess, market.Id, Side.Yes, TradeAction.Buy, 3));
        var interleave = new CommitInBetween(() => otherProcess.PlaceOrderAsync(secondOrder));
        var service = TradeServices.Service(Database.CreateFactory(interleave));
        var firstQuote = await QuoteAsync(service, market.Id, Side.Yes, TradeAction.Buy, 10);

        var filled = Assert.IsType<OrderFilled>(await service.PlaceOrderAsync(OrderFor(first.Id, firstQuote, slippage: 0.05)));

        Assert.IsType<OrderFilled>(interleave.OtherResult);
        Assert.Equal(2, interleave.SaveAttempts);
        Assert.Equal(2, filled.Trade.Sequence);
        Assert.True(filled.Trade.Shares < firstQuote.Shares, "the retry must price against the state after the other commit");
        await Invariants.AssertHoldAsync(Database.ConnectionString);
    }

    [Fact]
    public async Task A_concurrent_commit_on_the_same_account_in_another_market_is_retried_and_loses_no_cash()
    {
        var market = await Data.MarketAsync();
        var otherMarket = await Data.MarketAsync();
        var account = await Data.AccountAsync();
        var otherProcess = TradeServices.Service(Database.CreateFactory());
        var otherOrder = OrderFor(account.Id, await QuoteAsync(otherProcess, otherMarket.Id, Side.No, TradeAction.Buy, 30));
        var interleave = new CommitInBetween(() => otherProcess.PlaceOrderAsync(otherOrder));
        var service = TradeServices.Service(Database.CreateFactory(interleave));

        var filled = Assert.IsType<OrderFilled>(await service.PlaceOrderAsync(
            OrderFor(account.Id, await QuoteAsync(service, market.Id, Side.Yes, TradeAction.Buy, 10))));

        var otherFilled = Assert.IsType<OrderFilled>(interleave.OtherResult);
        // Only the account changed under the batch (its market did not), and that alone made it write again.
        Assert.Equal(2, interleave.SaveAttempts);
        Assert.Equal(1, filled.Trade.Sequence);
        await using var db = await Database.Contexts.CreateDbContextAsync();
        Assert.Equal(1_000m - filled.Trade.Amount - otherFilled.Trade.Amount, (await db.Accounts.SingleAsync(a => a.Id == account.Id)).Balance);
        Assert.Equal(filled.Balance, (await db.Accounts.SingleAsync(a => a.Id == account.Id)).Balance);
        await Invariants.AssertHoldAsync(Database.ConnectionString);
    }

    [Fact]
    public async Task A_retry_after_a_conflict_still_refuses_a_price_beyond_the_users_tolerance()
    {
        var market = await Data.MarketAsync();
        var first = await Data.AccountAsync();
        var whale = await Data.AccountAsync(100_000m);
        var otherProcess = TradeServices.Service(Database.CreateFactory());
        var whaleOrder = OrderFor(whale.Id, await QuoteAsync(otherProcess, market.Id, Side.Yes, TradeAction.Buy, 500));
        var interleave = new CommitInBetween(() => otherProcess.PlaceOrderAsync(whaleOrder));
        var service = TradeServices.Service(Database.CreateFactory(interleave));

        var rejected = Assert.IsType<OrderRejected>(await service.PlaceOrderAsync(
            OrderFor(first.Id, await QuoteAsync(service, market.Id, Side.Yes, TradeAction.Buy, 10), slippage: 0.01)));

        Assert.Equal(RejectReason.StaleQuote, rejected.Reason);
        Assert.Equal(1, rejected.FreshQuote!.Sequence);
        await using var db = await Database.Contexts.CreateDbContextAsync();
        Assert.Equal(1, await db.Trades.CountAsync());
        Assert.Equal(1_000m, (await db.Accounts.SingleAsync(a => a.Id == first.Id)).Balance);
        await Invariants.AssertHoldAsync(Database.ConnectionString);
    }

    [Fact]
    public async Task Refusals_write_nothing_and_say_why()
    {
        var open = await Data.MarketAsync();
        var closed = await Data.MarketAsync(status: MarketStatus.Closed);
        var expired = await Data.MarketAsync(closesAt: DateTimeOffset.UtcNow.AddMinutes(-1));
        var poor = await Data.AccountAsync(5m);
        var quote = await QuoteAsync(Service, open.Id, Side.Yes, TradeAction.Buy, 10);
        var before = await Data.FingerprintAsync();

        var cases = new (OrderRequest Order, RejectReason Reason, string Mentions)[]
        {
            (OrderFor(poor.Id, quote), RejectReason.InsufficientFunds, "funds"),
            (new OrderRequest(poor.Id, open.Id, Side.Yes, TradeAction.Sell, 1, 0.5, 0, 0.05), RejectReason.InsufficientShares, "shares"),
            (OrderFor(poor.Id, quote) with { MarketId = closed.Id }, RejectReason.MarketClosed, "closed"),
            (OrderFor(poor.Id, quote) with { MarketId = expired.Id }, RejectReason.MarketClosed, "closed"),
            (OrderFor(poor.Id, quote) with { MarketId = 999_999 }, RejectReason.NotFound, "Market 999999"),
            (OrderFor(424_242, quote), RejectReason.NotFound, "Account 424242"),
            (OrderFor(poor.Id, quote) with { Amount = double.NaN }, RejectReason.Invalid, "finite"),
        };
        foreach (var (order, reason, mentions) in cases)
        {
            var rejected = Assert.IsType<OrderRejected>(await Service.PlaceOrderAsync(order));
            Assert.Equal(reason, rejected.Reason);
            Assert.Contains(mentions, rejected.Message, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(before, await Data.FingerprintAsync());
    }

    [Fact]
    public async Task Subscribers_hear_of_a_fill_only_once_it_is_committed()
    {
        var market = await Data.MarketAsync();
        var account = await Data.AccountAsync();
        var sink = new CommittedCheckingSink(Database.ConnectionString);
        var service = TradeServices.Service(Database.Contexts, sink);

        await service.PlaceOrderAsync(OrderFor(account.Id, await QuoteAsync(service, market.Id, Side.Yes, TradeAction.Buy, 10)));

        var (snapshot, visible) = Assert.Single(sink.Seen);
        Assert.Equal(1, snapshot.Sequence);
        Assert.True(visible, "the sink ran before the trade was visible to other connections");
    }

    [Fact]
    public async Task Concurrent_orders_on_one_market_are_written_in_batches_each_priced_in_turn()
    {
        var market = await Data.MarketAsync();
        var accounts = new List<int>();
        for (var i = 0; i < 8; i++) accounts.Add((await Data.AccountAsync()).Id);
        var saves = new BatchWriteCounter();
        var service = TradeServices.Service(Database.CreateFactory(saves));
        var quote = await QuoteAsync(service, market.Id, Side.Yes, TradeAction.Buy, 5);

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
            service.PlaceOrderAsync(OrderFor(accounts[i % accounts.Count], quote, slippage: 0.5)))));

        var fills = results.Select(r => Assert.IsType<OrderFilled>(r)).ToList();
        Assert.Equal(Enumerable.Range(1, 64).Select(n => (long)n), fills.Select(f => f.Trade.Sequence).Order());
        Assert.True(saves.Count < 64, $"{saves.Count} commits for 64 orders: nothing was batched");
        // Each fill is priced on the state its predecessors left: later sequences pay more for Yes.
        var ordered = fills.OrderBy(f => f.Trade.Sequence).ToList();
        Assert.All(ordered.Zip(ordered.Skip(1)), pair => Assert.True(pair.Second.Trade.AveragePrice > pair.First.Trade.AveragePrice));
        await Invariants.AssertHoldAsync(Database.ConnectionString);
    }

    /// <summary>
    /// Before the first write (a batch begins its transaction between its read and its write), lets
    /// another "process" commit an order that changes a row the batch read, forcing an xmin conflict.
    /// </summary>
    private sealed class CommitInBetween(Func<Task<OrderResult>> otherOrder) : DbTransactionInterceptor
    {
        public int SaveAttempts { get; private set; }
        public OrderResult? OtherResult { get; private set; }

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result,
            CancellationToken cancellationToken = default)
        {
            if (++SaveAttempts == 1) OtherResult = await otherOrder();
            return result;
        }
    }

    private sealed class CommittedCheckingSink(string connectionString) : IMarketChangeSink
    {
        public List<(MarketSnapshot Snapshot, bool TradeVisible)> Seen { get; } = [];

        public void Committed(MarketSnapshot market, TradeView trade)
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            using var command = new NpgsqlCommand("SELECT count(*) FROM trades WHERE id = @id", connection);
            command.Parameters.AddWithValue("id", trade.Id);
            Seen.Add((market, (long)command.ExecuteScalar()! == 1));
        }

        public void Committed(MarketSnapshot market, MarketEventView change)
        {
        }

        public void Launched(MarketSnapshot market)
        {
        }
    }
}
