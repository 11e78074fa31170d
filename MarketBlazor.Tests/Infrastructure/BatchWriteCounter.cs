using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MarketBlazor.Tests.Infrastructure;

/// <summary>Counts batch writes: each one begins its own transaction, right before its write statement.</summary>
public sealed class BatchWriteCounter : DbTransactionInterceptor
{
    private int count;

    public int Count => count;

    public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result,
        CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref count);
        return ValueTask.FromResult(result);
    }
}
