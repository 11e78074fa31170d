using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MarketBlazor.Data.Trading;

/// <summary>
/// Settles the orders of a batch whose write was cut off (<see cref="CommitInterruptedException"/>):
/// with no transaction id the failure came before COMMIT was sent, so nothing was written; otherwise
/// PostgreSQL is asked, on a new connection, what became of that transaction (pg_xact_status) until
/// it says committed or aborted, within the orders' deadline.
/// </summary>
internal sealed class CommitSettlement(IDbContextFactory<MarketDbContext> contexts, TimeProvider clock, ILogger logger)
{
    /// <summary>Asking once more after the deadline cut off the commit itself: the status is one cheap read.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>Answers every order whose answer depends on the commit (<paramref name="orders"/>, by index into the batch).</summary>
    public async Task SettleAsync(CommitInterruptedException interrupted, IReadOnlyList<(int Index, PendingOrder Order)> orders)
    {
        try
        {
            var outcome = interrupted.TransactionId is { } transactionId
                ? await StatusAsync(transactionId, Deadline(orders))
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

    private async Task<TransactionOutcome> StatusAsync(uint transactionId, DateTimeOffset deadline)
    {
        using var expiry = new CancellationTokenSource(deadline - clock.GetUtcNow(), clock);
        while (true)
        {
            try
            {
                switch (await TransactionStatusAsync(transactionId, expiry.Token))
                {
                    case "committed": return TransactionOutcome.Committed;
                    case "aborted": return TransactionOutcome.Aborted;
                    case null: return TransactionOutcome.Forgotten;
                }
                // "in progress": the server is still finishing the commit our connection lost.
            }
            catch (Exception e) when (DatabaseFailures.IsUnavailable(e))
            {
                logger.LogDebug("Transaction {TransactionId} not settled yet: {Message}", transactionId, e.Message);
            }
            if (expiry.IsCancellationRequested) return TransactionOutcome.Unknown;
            try
            {
                await Task.Delay(RetryDelay, clock, expiry.Token);
            }
            catch (OperationCanceledException)
            {
                return TransactionOutcome.Unknown;
            }
        }
    }

    /// <summary>
    /// pg_xact_status of a 32-bit xid (as xmin stores it), widened to the xid8 it names: the one of the
    /// current epoch, or of the previous one when that would be in the future. The xid is seconds old,
    /// far from any wraparound, so this is exact.
    /// </summary>
    private async Task<string?> TransactionStatusAsync(uint transactionId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var xid = (long)transactionId;
        var status = await db.Database.SqlQuery<string?>($"""
            SELECT pg_xact_status((CASE WHEN x.full_xid < x.next_xid THEN x.full_xid ELSE x.full_xid - 4294967296 END)::text::xid8) AS "Value"
            FROM (SELECT n.next_xid, ((n.next_xid >> 32) << 32) | {xid} AS full_xid
                  FROM (SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS next_xid) AS n) AS x
            """).ToListAsync(cancellationToken);
        return status.Single();
    }

    /// <summary>The fallback when PostgreSQL no longer knows the transaction: whether a trade carries the order's id (unique).</summary>
    private async Task<OrderResult> FindByOrderIdAsync(PendingOrder pending)
    {
        using var expiry = new CancellationTokenSource(Grace, clock);
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
