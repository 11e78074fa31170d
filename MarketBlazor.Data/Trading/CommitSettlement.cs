using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MarketBlazor.Data.Trading;

/// <summary>
/// Settles the orders of a batch whose write was cut off (<see cref="CommitInterruptedException"/>):
/// with no transaction id the failure came before COMMIT was sent, so nothing was written; otherwise
/// PostgreSQL is asked, on a new connection, what became of that transaction (pg_xact_status) until
/// it says committed or aborted, within the orders' deadline. A "committed" is confirmed by the
/// fill's trade (order_id is unique), since a crash can hand a lost xid out again; the order id alone
/// answers only when PostgreSQL has forgotten the transaction.
/// </summary>
internal sealed class CommitSettlement(IDbContextFactory<MarketDbContext> contexts, TimeProvider clock, ILogger logger)
{
    /// <summary>Asking once more after the deadline cut off the commit itself: the status is one cheap read.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    // Deadlines are read from the clock (a test's clock may be fake) but waited out in real time, so a settlement always ends.

    /// <summary>Answers every order whose answer depends on the commit (<paramref name="orders"/>, by index into the batch).</summary>
    public async Task SettleAsync(CommitInterruptedException interrupted, IReadOnlyList<(int Index, PendingOrder Order)> orders)
    {
        try
        {
            var outcome = interrupted.TransactionId is { } transactionId
                ? await StatusAsync(transactionId, orders[0].Order, Deadline(orders))
                : TransactionOutcome.Aborted;
            logger.LogWarning("An interrupted commit of {Count} order(s) settled as {Outcome}", orders.Count, outcome);
            foreach (var (index, pending) in orders)
            {
                pending.Result.TrySetResult(outcome switch
                {
                    TransactionOutcome.Committed => interrupted.Answers[index],
                    TransactionOutcome.Aborted => TradeAnswers.Unavailable(),
                    TransactionOutcome.Forgotten => await FindByOrderIdAsync(pending),
                    _ => TradeAnswers.Unconfirmed(pending.Order),
                });
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "Settling an interrupted commit of {Count} order(s) failed", orders.Count);
        }
        finally
        {
            // Never leave a caller waiting, whatever went wrong above.
            foreach (var (_, pending) in orders) pending.Result.TrySetResult(TradeAnswers.Unconfirmed(pending.Order));
        }
    }

    private DateTimeOffset Deadline(IReadOnlyList<(int Index, PendingOrder Order)> orders)
    {
        var latest = orders.Max(o => o.Order.ExpiresAt);
        var soonest = clock.GetUtcNow() + Grace;
        return latest > soonest ? latest : soonest;
    }

    private async Task<TransactionOutcome> StatusAsync(uint transactionId, PendingOrder anyFill, DateTimeOffset deadline)
    {
        using var expiry = new CancellationTokenSource(deadline - clock.GetUtcNow());
        while (true)
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(expiry.Token);
                switch (await TransactionStatusAsync(db, transactionId, expiry.Token))
                {
                    case "lost": return TransactionOutcome.Aborted;
                    case "aborted": return TransactionOutcome.Aborted;
                    case null: return TransactionOutcome.Forgotten;
                    // After a crash an xid whose WAL was lost is handed out again: "committed" may be another
                    // transaction's, so the fill's own trade (its order id is unique) must be there too.
                    case "committed":
                        return await db.Trades.AnyAsync(t => t.OrderId == anyFill.Order.OrderId, expiry.Token)
                            ? TransactionOutcome.Committed
                            : TransactionOutcome.Aborted;
                }
                // "in progress": the server is still finishing the commit our connection lost (or, after a crash, a reuse of its xid).
            }
            catch (Exception e) when (DatabaseFailures.IsUnavailable(e))
            {
                logger.LogDebug("Transaction {TransactionId} not settled yet: {Message}", transactionId, e.Message);
            }
            if (expiry.IsCancellationRequested) return TransactionOutcome.Unknown;
            try
            {
                await Task.Delay(RetryDelay, expiry.Token);
            }
            catch (OperationCanceledException)
            {
                return TransactionOutcome.Unknown;
            }
        }
    }

    /// <summary>
    /// pg_xact_status of a 32-bit xid (as xmin stores it), widened to the xid8 it names: the newest
    /// one not after the next xid to be assigned (the xid is seconds old, far from any wraparound).
    /// "lost" when the xid was never durably assigned: after a crash the next xid can be back at or
    /// before it, and its transaction never committed.
    /// </summary>
    private static async Task<string?> TransactionStatusAsync(MarketDbContext db, uint transactionId, CancellationToken cancellationToken)
    {
        var xid = (long)transactionId;
        var status = await db.Database.SqlQuery<string?>($"""
            SELECT CASE WHEN d.behind = 0 OR d.behind > 2147483648 THEN 'lost'
                        ELSE pg_xact_status((d.next_xid - d.behind)::text::xid8) END AS "Value"
            FROM (SELECT n.next_xid, ((n.next_xid & 4294967295) - {xid} + 4294967296) % 4294967296 AS behind
                  FROM (SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS next_xid) AS n) AS d
            """).ToListAsync(cancellationToken);
        return status.Single();
    }

    /// <summary>The fallback when PostgreSQL no longer knows the transaction: whether a trade carries the order's id (unique).</summary>
    private async Task<OrderResult> FindByOrderIdAsync(PendingOrder pending)
    {
        using var expiry = new CancellationTokenSource(Grace);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(expiry.Token);
            return await FilledOrderLookup.FindAsync(db, pending, expiry.Token) ?? TradeAnswers.Unavailable();
        }
        catch (Exception e) when (DatabaseFailures.IsUnavailable(e))
        {
            return TradeAnswers.Unconfirmed(pending.Order);
        }
    }

    private enum TransactionOutcome
    {
        Committed,
        Aborted,

        /// <summary>Too old for PostgreSQL to remember (its status was truncated): only the order id can tell.</summary>
        Forgotten,

        /// <summary>The deadline passed before the database could be asked.</summary>
        Unknown,
    }
}
