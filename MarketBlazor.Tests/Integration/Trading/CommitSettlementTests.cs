using System.Data.Common;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace MarketBlazor.Tests.Integration.Trading;

/// <summary>A commit whose answer is lost is settled exactly by asking PostgreSQL what became of its transaction (pg_xact_status).</summary>
public class CommitSettlementTests(DatabaseFixture database) : DatabaseTest(database)
{
    [Fact]
    public async Task A_commit_that_happened_but_whose_answer_was_lost_is_a_fill_exactly_once()
    {
        var market = await Data.MarketAsync();
        var account = await Data.AccountAsync();
        var lostAnswer = new LoseTheCommitsAnswer();
        var service = TradeServices.Service(Database.CreateFactory(lostAnswer));

        var filled = Assert.IsType<OrderFilled>(await service.PlaceOrderAsync(OrderFor(account.Id, market.Id)));

        Assert.Equal(1, lostAnswer.Lost);
        await using var db = await Database.Contexts.CreateDbContextAsync();
        var trade = await db.Trades.SingleAsync();
        Assert.Equal(trade.Id, filled.Trade.Id);
        Assert.Equal(990m, filled.Balance);
        Assert.Equal(990m, (await db.Accounts.SingleAsync()).Balance);
        await Invariants.AssertHoldAsync(Database.ConnectionString);
    }

    [Fact]
    public async Task A_commit_whose_connection_died_first_is_unavailable_and_writes_nothing()
    {
        var market = await Data.MarketAsync();
        var account = await Data.AccountAsync();
        var killer = new KillTheBackendBeforeCommit(Database.ConnectionString);
        var service = TradeServices.Service(Database.CreateFactory(killer));
        var before = await Data.FingerprintAsync();

        var refused = Assert.IsType<OrderRejected>(await service.PlaceOrderAsync(OrderFor(account.Id, market.Id)));

        Assert.Equal(1, killer.Killed);
        Assert.Equal(RejectReason.Unavailable, refused.Reason);
        Assert.Contains("nothing was written", refused.Message);
        Assert.Equal(before, await Data.FingerprintAsync());
        Assert.IsType<OrderFilled>(await service.PlaceOrderAsync(OrderFor(account.Id, market.Id)));
    }

    [Fact]
    public async Task A_transaction_id_lost_in_a_crash_settles_as_nothing_written()
    {
        // After a crash the next xid can be back before one a lost transaction had been given.
        var (answer, pending) = await SettleAsync(await NextTransactionIdAsync() + 1000);

        Assert.Equal(RejectReason.Unavailable, Assert.IsType<OrderRejected>(answer).Reason);
        Assert.False(pending.Result.Task.IsFaulted);
    }

    [Fact]
    public async Task A_committed_transaction_id_without_the_orders_trade_is_a_reused_id_and_settles_as_nothing_written()
    {
        // Someone else's committed transaction, as a crash that lost ours could hand its id out again.
        await using var other = new NpgsqlConnection(Database.ConnectionString);
        await other.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await using var assign = new NpgsqlCommand("SELECT (pg_current_xact_id()::text::bigint % 4294967296)::bigint", other, transaction);
        var committedElsewhere = (uint)(long)(await assign.ExecuteScalarAsync())!;
        await transaction.CommitAsync();

        var (answer, _) = await SettleAsync(committedElsewhere);

        Assert.Equal(RejectReason.Unavailable, Assert.IsType<OrderRejected>(answer).Reason);
    }

    /// <summary>Settles one would-be fill of an order that has no trade, as if its commit under <paramref name="transactionId"/> had been cut off.</summary>
    private async Task<(OrderResult Answer, PendingOrder Pending)> SettleAsync(uint transactionId)
    {
        var order = OrderFor(1, 1);
        var pending = new PendingOrder(order, 10m, DateTimeOffset.UtcNow.AddSeconds(5), callerNamedId: true);
        var wouldBe = new OrderFilled(
            new TradeView(1, 1, 1, Side.Yes, TradeAction.Buy, 19m, 10m, 0.5m, 0.55m, 1, DateTimeOffset.UtcNow),
            new MarketSnapshot(1, "m", "q", "", "c", MarketStatus.Open, DateTimeOffset.UtcNow.AddDays(1), 100m, 19m, 0m, 10m, 1), 990m);
        var interrupted = new CommitInterruptedException(new IOException("lost"), [wouldBe], transactionId);
        var settlement = new CommitSettlement(Database.Contexts, TimeProvider.System, NullLogger.Instance);

        await settlement.SettleAsync(interrupted, [(0, pending)]);

        return (await pending.Result.Task, pending);
    }

    private async Task<uint> NextTransactionIdAsync()
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var next = new NpgsqlCommand("SELECT (pg_snapshot_xmax(pg_current_snapshot())::text::bigint % 4294967296)::bigint", connection);
        return (uint)(long)(await next.ExecuteScalarAsync())!;
    }

    private static OrderRequest OrderFor(int accountId, int marketId) =>
        new(accountId, marketId, Side.Yes, TradeAction.Buy, 10, 0.5238, 0, 0.01, Guid.NewGuid());

    /// <summary>The first COMMIT succeeds, then the client hears of it as a lost connection.</summary>
    private sealed class LoseTheCommitsAnswer : DbTransactionInterceptor
    {
        public int Lost { get; private set; }

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (Lost++ > 0) return Task.CompletedTask;
            throw new NpgsqlException("Exception while reading from stream", new IOException("Connection reset by peer"));
        }
    }

    /// <summary>Just before the first COMMIT is sent, the server ends the transaction's backend: the transaction aborts.</summary>
    private sealed class KillTheBackendBeforeCommit(string connectionString) : DbTransactionInterceptor
    {
        public int Killed { get; private set; }

        public override async ValueTask<InterceptionResult> TransactionCommittingAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            if (Killed++ > 0) return result;
            var pid = ((NpgsqlConnection)transaction.Connection!).ProcessID;
            await using var admin = new NpgsqlConnection(connectionString);
            await admin.OpenAsync(cancellationToken);
            await using (var kill = new NpgsqlCommand("SELECT pg_terminate_backend(@pid, 5000)", admin))
            {
                kill.Parameters.AddWithValue("pid", pid);
                Assert.True((bool)(await kill.ExecuteScalarAsync(cancellationToken))!, "the backend did not exit");
            }
            return result;
        }
    }
}
