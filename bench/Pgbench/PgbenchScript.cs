using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MarketBlazor.Bench.Pgbench;

/// <summary>
/// Turns the statements EF Core sent for one order into a pgbench script that sends the same
/// statements, in the same order and the same round trips, for any market and account.
/// Parameters that say which rows (ids, the xmin read, the next sequence) become pgbench
/// variables; every other value stays as captured.
/// </summary>
public static partial class PgbenchScript
{
    /// <summary>
    /// Which rows each order touches: pgbench variables by table and column. The order id must be
    /// new for every order (it is unique); pgbench cannot make uuids, so the server does.
    /// </summary>
    private static readonly Dictionary<(string Table, string Column), string> Variables = new()
    {
        [("markets", "id")] = ":mid",
        [("markets", "xmin")] = ":m_xmin",
        [("markets", "sequence")] = ":seq",
        [("accounts", "id")] = ":aid",
        [("accounts", "xmin")] = ":a_xmin",
        [("positions", "account_id")] = ":aid",
        [("positions", "market_id")] = ":mid",
        [("trades", "account_id")] = ":aid",
        [("trades", "market_id")] = ":mid",
        [("trades", "market_sequence")] = ":seq",
        [("trades", "order_id")] = "gen_random_uuid()",
    };

    /// <summary>
    /// The same for the batch write (<c>FillWrite</c>), whose parameters are named after what they
    /// hold: array parameters become one-element arrays of the order's variables. The totals it sets
    /// (shares, cash, balance, position) are written back as read: the write sets absolute values,
    /// and one order's captured values written to every market and position would leave rows the
    /// app, trading on them between pgbench runs, cannot price (a position holding more shares than
    /// its market).
    /// </summary>
    private static readonly Dictionary<string, string> FillWriteVariables = new()
    {
        ["market_id"] = ":mid",
        ["market_xmin"] = ":m_xmin",
        ["sequence"] = ":seq",
        ["yes_shares"] = ":m_yes_shares",
        ["no_shares"] = ":m_no_shares",
        ["volume"] = ":m_volume",
        ["collected"] = ":m_collected",
        ["balances"] = "ARRAY[:a_balance]::numeric[]",
        ["position_yes_shares"] = "ARRAY[:p_yes_shares]::numeric[]",
        ["position_no_shares"] = "ARRAY[:p_no_shares]::numeric[]",
        ["position_cost_basis"] = "ARRAY[:p_cost_basis]::numeric[]",
        ["account_ids"] = "ARRAY[:aid]::integer[]",
        ["account_xmins"] = "ARRAY[:a_xmin::text::xid]",
        ["position_account_ids"] = "ARRAY[:aid]::integer[]",
        ["trade_account_ids"] = "ARRAY[:aid]::integer[]",
        ["market_sequences"] = "ARRAY[:seq]::bigint[]",
        ["order_ids"] = "ARRAY[gen_random_uuid()]",
    };

    /// <summary>What a read's columns are stored as (pgbench \gset prefix), so later statements can use m_xmin and friends.</summary>
    private static readonly Dictionary<string, string> ReadPrefixes = new() { ["markets"] = "m_", ["accounts"] = "a_", ["positions"] = "p_" };

    /// <param name="commands">One order's commands, captured by <see cref="SqlCapture"/>.</param>
    /// <param name="hot">All clients on market 1, else each on its own slice of markets (see Load.OrderFlow).</param>
    /// <param name="checkConflicts">
    /// False: the write batch goes in one pipeline, as Npgsql sends it (BEGIN and the batch in one
    /// round trip, COMMIT in the next), and must not conflict. True: each statement on its own,
    /// and when an xmin check matches no row the transaction rolls back as EF Core's would.
    /// </param>
    public static string Build(IReadOnlyList<CapturedCommand> commands, bool hot, bool checkConflicts)
    {
        var statements = commands.SelectMany(Split).ToList();
        var script = new StringBuilder();
        script.AppendLine(hot
            ? "\\set mid 1"
            : "\\set mid 1 + :client_id + :clients * random(0, (:markets - 1 - :client_id) / :clients)");
        script.AppendLine("\\set aid :client_id + 1");

        var checkedWrites = new List<string>();
        var inTransaction = false;
        var guarded = false;
        foreach (var statement in statements)
        {
            var verb = statement.Verb;
            if (verb == SqlCapture.Begin)
            {
                script.AppendLine("\\set seq :m_sequence + 1");
                if (!checkConflicts) script.AppendLine("\\startpipeline");
                script.AppendLine("BEGIN;");
                inTransaction = true;
                continue;
            }
            if (verb == SqlCapture.Commit)
            {
                if (checkConflicts)
                {
                    if (!guarded) throw new InvalidOperationException("The captured order has no xmin check to replay.");
                    script.AppendLine("COMMIT;");
                    script.AppendLine("\\else");
                    script.AppendLine("ROLLBACK;");
                    script.AppendLine("\\endif");
                }
                else
                {
                    script.AppendLine("\\endpipeline");
                    script.AppendLine("COMMIT;");
                }
                inTransaction = false;
                continue;
            }

            if (verb == "WITH")
            {
                // The one-statement batch write: it reports whether its xmin gate held.
                var write = SubstituteFillWrite(statement);
                if (checkConflicts)
                {
                    script.AppendLine($"{write} \\gset w_");
                    script.AppendLine("\\if :w_held");
                    guarded = true;
                }
                else
                {
                    script.AppendLine(write + ";");
                }
                continue;
            }

            var sql = Substitute(statement);
            if (verb == "SELECT" && !inTransaction)
            {
                script.AppendLine(statement.Text.Contains(" JOIN ", StringComparison.Ordinal)
                    ? $"SELECT * FROM ({sql}) AS r({string.Join(", ", JoinedReadColumns(statement.Text))}) \\gset"
                    : $"{sql} \\gset {ReadPrefixes[statement.Table]}");
            }
            else if (checkConflicts && statement.Text.EndsWith("RETURNING xmin", StringComparison.Ordinal))
            {
                var prefix = "u" + ReadPrefixes[statement.Table];
                script.AppendLine($"\\set {prefix}xmin 0");
                script.AppendLine($"{sql} \\aset {prefix}");
                checkedWrites.Add($":{prefix}xmin != 0");
            }
            else
            {
                // The writes after the xmin checks run only if every check matched its row.
                if (checkConflicts && checkedWrites.Count > 0 && !guarded)
                {
                    script.AppendLine($"\\if {string.Join(" and ", checkedWrites)}");
                    guarded = true;
                }
                script.AppendLine(sql + ";");
            }
        }
        if (inTransaction) throw new InvalidOperationException("The captured order never committed.");
        return script.ToString();
    }

    private sealed record Statement(string Verb, string Table, string Text, IReadOnlyDictionary<string, object?> Parameters);

    private static IEnumerable<Statement> Split(CapturedCommand command)
    {
        foreach (var text in command.Text.Split(';').Select(s => s.Trim()).Where(s => s.Length > 0))
        {
            var verb = text.Split(' ', '\n')[0].ToUpperInvariant();
            var table = verb switch
            {
                "SELECT" => FromTable().Match(text).Groups[1].Value,
                "UPDATE" => UpdateTable().Match(text).Groups[1].Value,
                "INSERT" => InsertTable().Match(text).Groups[1].Value,
                _ => "",
            };
            yield return new Statement(verb, table, text, command.Parameters);
        }
    }

    /// <summary>Replaces each @parameter with the pgbench variable of its column, or with the captured value as a literal.</summary>
    private static string Substitute(Statement statement)
    {
        // Which table and column each parameter is compared with; an alias (m.id) names its table.
        var columns = new Dictionary<string, (string Table, string Column)>();
        var arrays = new HashSet<string>();
        foreach (Match match in ColumnEqualsParameter().Matches(statement.Text))
            columns[match.Groups[3].Value] = (TableOf(match.Groups[1].Value, statement), match.Groups[2].Value);
        foreach (Match match in ColumnInArrayParameter().Matches(statement.Text))
        {
            columns[match.Groups[3].Value] = (TableOf(match.Groups[1].Value, statement), match.Groups[2].Value);
            arrays.Add(match.Groups[3].Value);
        }
        if (statement.Verb == "INSERT")
        {
            var insert = InsertColumnsAndValues().Match(statement.Text);
            var names = insert.Groups[1].Value.Split(',').Select(c => c.Trim()).ToArray();
            var values = insert.Groups[2].Value.Split(',').Select(v => v.Trim()).ToArray();
            for (var i = 0; i < names.Length; i++) columns[values[i]] = (statement.Table, names[i]);
        }

        return Parameter().Replace(statement.Text.ReplaceLineEndings("\n"), match =>
        {
            var name = match.Value;
            if (!columns.TryGetValue(name, out var bound))
                throw new InvalidOperationException($"Cannot tell which column {name} binds in: {statement.Text}");
            var (table, column) = bound;
            // An id list of one order's batch: its one row's variable.
            if (Variables.TryGetValue((table, column), out var variable))
                return arrays.Contains(name) ? $"ARRAY[{variable}::{ElementType(statement.Parameters[name])}]" : variable;
            if (column is "id" or "xmin" or "sequence" || column.EndsWith("_id", StringComparison.Ordinal))
                throw new InvalidOperationException($"{table}.{column} picks rows but has no pgbench variable; extend PgbenchScript.Variables.");
            return Literal(statement.Parameters[name]);
        });
    }

    /// <summary>Replaces each @parameter of the batch write with its pgbench variable, or with the captured value as a literal.</summary>
    private static string SubstituteFillWrite(Statement statement) =>
        Parameter().Replace(statement.Text.ReplaceLineEndings("\n"), match =>
        {
            var name = match.Value[1..];
            if (FillWriteVariables.TryGetValue(name, out var variable)) return variable;
            if (name.EndsWith("_id", StringComparison.Ordinal) || name.EndsWith("_ids", StringComparison.Ordinal))
                throw new InvalidOperationException($"{name} picks rows but has no pgbench variable; extend PgbenchScript.FillWriteVariables.");
            var value = statement.Parameters.TryGetValue(name, out var bare) ? bare : statement.Parameters[match.Value];
            return value is Array array and not byte[]
                ? $"ARRAY[{string.Join(", ", array.Cast<object?>().Select(Literal))}]::{ElementType(array)}[]"
                : Literal(value) + (value is DateTimeOffset ? "::timestamptz" : "");
        });

    /// <summary>
    /// The names a joined read's columns are stored under: its table's prefix and the column (m_xmin,
    /// a_xmin), since the read returns several columns of one name (id, xmin) that \gset alone would mix up.
    /// </summary>
    private static IEnumerable<string> JoinedReadColumns(string text)
    {
        foreach (var column in SelectList().Match(text).Groups[1].Value.Split(',').Select(c => c.Trim()))
        {
            var parts = column.Split('.');
            yield return ReadPrefixes[Resolve(parts[0], text)] + parts[1];
        }
    }

    private static string TableOf(string alias, Statement statement) => alias.Length == 0 ? statement.Table : Resolve(alias, statement.Text);

    /// <summary>The table an alias reads: named directly (FROM markets AS m), or through the derived tables EF Core wraps around it.</summary>
    private static string Resolve(string alias, string text)
    {
        var direct = Regex.Match(text, $@"\b(\w+) AS {alias}\b");
        if (direct.Success && ReadPrefixes.ContainsKey(direct.Groups[1].Value)) return direct.Groups[1].Value;
        var derived = text.IndexOf($") AS {alias}", StringComparison.Ordinal);
        if (derived < 0) throw new InvalidOperationException($"Cannot tell which table {alias} reads in: {text}");
        var depth = 0;
        var open = derived;
        for (; open >= 0; open--)
        {
            if (text[open] == ')') depth++;
            else if (text[open] == '(' && --depth == 0) break;
        }
        var inner = text[(open + 1)..derived];
        return Resolve(FirstColumnAlias().Match(inner).Groups[1].Value, inner);
    }

    /// <summary>pgbench binds variables as text: an array of them needs the element type Npgsql sent.</summary>
    private static string ElementType(object? array) => array switch
    {
        int[] => "integer",
        long[] or long?[] => "bigint",
        decimal[] => "numeric",
        string[] => "text",
        Guid[] => "uuid",
        uint[] => "xid",
        _ => throw new NotSupportedException($"No SQL element type for {array?.GetType().Name}"),
    };

    private static string Literal(object? value) => value switch
    {
        null => "NULL",
        string text => "'" + text.Replace("'", "''") + "'",
        Guid id => "'" + id + "'",
        uint xid => "'" + xid.ToString(CultureInfo.InvariantCulture) + "'",
        bool flag => flag ? "true" : "false",
        DateTimeOffset moment => "'" + moment.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00'",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException($"No SQL literal for {value.GetType().Name}"),
    };

    [GeneratedRegex(@"\bFROM (\w+)")]
    private static partial Regex FromTable();

    [GeneratedRegex(@"^UPDATE (\w+)")]
    private static partial Regex UpdateTable();

    [GeneratedRegex(@"^INSERT INTO (\w+)")]
    private static partial Regex InsertTable();

    [GeneratedRegex(@"(?:(\w+)\.)?(\w+) = (@\w+)")]
    private static partial Regex ColumnEqualsParameter();

    [GeneratedRegex(@"(?:(\w+)\.)?(\w+) = ANY \((@\w+)\)")]
    private static partial Regex ColumnInArrayParameter();

    [GeneratedRegex(@"^SELECT (.*?)\s+FROM ", RegexOptions.Singleline)]
    private static partial Regex SelectList();

    [GeneratedRegex(@"^\s*SELECT (\w+)\.")]
    private static partial Regex FirstColumnAlias();

    [GeneratedRegex(@"\(([^)]*)\)\s*VALUES \(([^)]*)\)")]
    private static partial Regex InsertColumnsAndValues();

    [GeneratedRegex(@"@\w+")]
    private static partial Regex Parameter();
}
