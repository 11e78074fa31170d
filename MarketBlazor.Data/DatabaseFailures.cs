using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MarketBlazor.Data;

/// <summary>Tells an outage (the database unreachable, restarting or shutting down) from a bug, for every caller that answers "try again later".</summary>
public static class DatabaseFailures
{
    public static bool IsUnavailable(Exception e) => e switch
    {
        PostgresException postgres => postgres.IsTransient || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal),
        NpgsqlException or TimeoutException or System.Net.Sockets.SocketException or IOException => true,
        DbUpdateException { InnerException: { } inner } => IsUnavailable(inner),
        InvalidOperationException { InnerException: { } inner } => IsUnavailable(inner),
        _ => false,
    };
}
