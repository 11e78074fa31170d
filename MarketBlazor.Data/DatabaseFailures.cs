using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MarketBlazor.Data;

/// <summary>
/// The one classifier of "the database is unavailable" (unreachable, restarting, shutting down, too
/// slow for a deadline) against a bug, for every caller that answers "try again later" or backs off.
/// </summary>
public static class DatabaseFailures
{
    /// <param name="e">What was thrown.</param>
    /// <param name="callerToken">
    /// The token of whoever asked for the work: its own cancellation is not an outage. Any other
    /// cancellation (a deadline, a command timeout) is the database being too slow, so it counts.
    /// </param>
    public static bool IsUnavailable(Exception e, CancellationToken callerToken = default) => e switch
    {
        OperationCanceledException => !callerToken.IsCancellationRequested,
        PostgresException postgres => postgres.IsTransient || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal),
        NpgsqlException or TimeoutException or System.Net.Sockets.SocketException or IOException => true,
        DbUpdateException { InnerException: { } inner } => IsUnavailable(inner, callerToken),
        // EF Core wraps some connection failures (e.g. "An exception has been raised that is likely due to a
        // transient failure"); a bare InvalidOperationException is a bug and must surface as one.
        InvalidOperationException { InnerException: { } inner } => IsUnavailable(inner, callerToken),
        _ => false,
    };
}
