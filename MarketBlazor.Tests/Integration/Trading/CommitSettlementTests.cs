using System.Data.Common;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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
