using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace MarketBlazor.Data.Trading;

/// <summary>
/// A trade-path statement written with <c>@name</c> parameters and sent with positional ones
/// (<c>$1</c>, …) as an EF Core relational command on the context's connection and transaction
/// (interceptors and logging included), outside EF Core's LINQ query pipeline.
/// </summary>
/// <remarks>
/// Why (perf profile of the bench's 8-client window): a raw query with parameter objects is not
/// cacheable by EF Core's query pipeline, which rebuilt its SQL, hashed its expression tree and
/// processed every parameter again per order; a compiled LINQ query built new closures per execution;
/// and named parameters made Npgsql parse each text again before sending it. A positional statement
/// is sent as written.
/// </remarks>
public sealed partial class PositionalStatement
{
    public PositionalStatement(string named)
    {
        Named = named;
        ParameterNames = NamedParameter().Matches(named).Select(m => m.Value[1..]).Distinct().ToList();
        Text = NamedParameter().Replace(named, m => "$" + (IndexOf(m.Value[1..]) + 1));
    }

    /// <summary>The statement as written, parameters by name (what the bench replays with pgbench).</summary>
    public string Named { get; }

    /// <summary>The parameters in the order <see cref="Text"/> numbers them.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The statement as sent.</summary>
    public string Text { get; }

    /// <summary>Every statement the trade path sends this way: the bench names their parameters back to replay them.</summary>
    public static IReadOnlyList<PositionalStatement> TradePath { get; } = [BatchRows.OneAccount, BatchRows.ManyAccounts, FillWrite.Statement];

    /// <param name="values">Every parameter's value by name, as a typed Npgsql parameter without a name.</param>
    internal async Task<RelationalDataReader> ExecuteReaderAsync(
        MarketDbContext db, IReadOnlyDictionary<string, NpgsqlParameter> values, CancellationToken cancellationToken)
    {
        var builder = db.GetService<IRelationalCommandBuilderFactory>().Create().Append(Text);
        foreach (var name in ParameterNames) builder.AddParameter(new Positional(name, values[name]));
        return await builder.Build().ExecuteReaderAsync(new RelationalCommandParameterObject(
            db.GetService<IRelationalConnection>(), parameterValues: null, readerColumns: null, db,
            db.GetService<IRelationalCommandDiagnosticsLogger>(), CommandSource.FromSqlQuery), cancellationToken);
    }

    internal static NpgsqlParameter Value<T>(T value, NpgsqlTypes.NpgsqlDbType type) =>
        new NpgsqlParameter<T> { NpgsqlDbType = type, TypedValue = value };

    private int IndexOf(string name)
    {
        for (var i = 0; i < ParameterNames.Count; i++)
            if (ParameterNames[i] == name) return i;
        throw new InvalidOperationException($"Unknown parameter {name}");
    }

    /// <summary>
    /// An unnamed parameter, added as is: EF Core's own raw parameter skips one whose name the
    /// command already holds (every unnamed one after the first) and clones the rest.
    /// </summary>
    private sealed class Positional(string name, NpgsqlParameter parameter) : IRelationalParameter
    {
        public string InvariantName => name;

        public void AddDbParameter(DbCommand command, object? value) => command.Parameters.Add(parameter);

        public void AddDbParameter(DbCommand command, IReadOnlyDictionary<string, object?>? parameterValues) => command.Parameters.Add(parameter);
    }

    [GeneratedRegex(@"@\w+")]
    private static partial Regex NamedParameter();
}
