using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MarketBlazor.Tests.Infrastructure;

/// <summary>
/// Counts every command EF Core sends to PostgreSQL and keeps its text, so a test can prove a
/// code path issues no query (DESIGN §5: page views are served from the market board) and, when
/// it does, name the offending SQL. Register it in the app's DI as an <see cref="IInterceptor"/>;
/// the app adds every registered interceptor to its contexts.
/// </summary>
public sealed class QueryCounter : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> commands = new();

    public int Count => commands.Count;

    public IReadOnlyList<string> Commands => commands.ToArray();

    public void Reset() => commands.Clear();

    /// <summary>A readable list of what ran, for assertion messages.</summary>
    public string Describe() => Count == 0
        ? "no commands"
        : $"{Count} command(s):\n" + string.Join("\n---\n", Commands.Take(20));

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command) => commands.Enqueue(command.CommandText);
}
