using System.Data.Common;
using MarketBlazor.Data.Trading;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MarketBlazor.Bench.Pgbench;

/// <summary>
/// Records every command EF Core executes while <see cref="Recording"/> is on, and where its
/// transactions begin and commit, so the bench can replay the exact statements of one order
/// with pgbench instead of a hand-written imitation.
/// </summary>
public sealed class SqlCapture : DbCommandInterceptor, IDbTransactionInterceptor
{
    public const string Begin = "BEGIN";
    public const string Commit = "COMMIT";

    private readonly List<CapturedCommand> commands = [];
    private readonly Lock gate = new();

    public bool Recording { get; set; }

    public IReadOnlyList<CapturedCommand> Commands
    {
        get
        {
            lock (gate) return commands.ToList();
        }
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        RecordText(Begin);
        return ValueTask.FromResult(result);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        RecordText(Commit);
        return Task.CompletedTask;
    }

    private void RecordText(string text)
    {
        if (!Recording) return;
        lock (gate) commands.Add(new CapturedCommand(text, new Dictionary<string, object?>()));
    }

    private void Record(DbCommand command)
    {
        if (!Recording) return;
        var values = command.Parameters.Cast<DbParameter>().Select(p => p.Value is DBNull ? null : p.Value).ToList();
        // The trade path's own statements go with positional parameters ($1, …): recorded in their named form, which PgbenchScript reads.
        var captured = PositionalStatement.TradePath.FirstOrDefault(s => s.Text == command.CommandText) is { } positional
            ? new CapturedCommand(positional.Named, positional.ParameterNames.Zip(values).ToDictionary(p => "@" + p.First, p => p.Second))
            : new CapturedCommand(command.CommandText, command.Parameters.Cast<DbParameter>().Zip(values).ToDictionary(p => p.First.ParameterName, p => p.Second));
        lock (gate) commands.Add(captured);
    }
}
