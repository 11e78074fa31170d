using System.Text.RegularExpressions;

namespace MarketBlazor.App.Components.Pages.Insights;

/// <summary>pg_stat_statements keeps a statement's text as sent (EF's line breaks and indentation): one line reads better in a table.</summary>
public static partial class StatementText
{
    public const int ShortLength = 240;

    public static string OneLine(string query) => Whitespace().Replace(query, " ").Trim();

    /// <summary>The one-line text, cut at <see cref="ShortLength"/> characters (the whole of it goes in a tooltip).</summary>
    public static string Short(string query)
    {
        var line = OneLine(query);
        return line.Length <= ShortLength ? line : line[..ShortLength] + "…";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
