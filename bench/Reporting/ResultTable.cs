using System.Text;

namespace MarketBlazor.Bench.Reporting;

/// <summary>A titled table of text cells, rendered as Markdown so the console output pastes into BENCHMARKS.md as it is.</summary>
public sealed class ResultTable(string title, params string[] columns)
{
    private readonly List<string[]> rows = [];

    public string Title { get; } = title;
    public IReadOnlyList<string> Columns { get; } = columns;
    public IReadOnlyList<IReadOnlyList<string>> Rows => rows;

    public void Add(params string[] cells)
    {
        if (cells.Length != Columns.Count) throw new ArgumentException($"{Title}: {cells.Length} cells for {Columns.Count} columns.");
        rows.Add(cells);
    }

    public string ToMarkdown()
    {
        var widths = Columns.Select((c, i) => rows.Select(r => r[i].Length).Append(c.Length).Max()).ToArray();
        var text = new StringBuilder();
        text.AppendLine($"### {Title}").AppendLine();
        Line(Columns);
        text.AppendLine("|" + string.Join("|", widths.Select((w, i) => i == 0 ? new string('-', w + 2) : new string('-', w + 1) + ":")) + "|");
        foreach (var row in rows) Line(row);
        return text.ToString();

        void Line(IReadOnlyList<string> cells) =>
            text.AppendLine("| " + string.Join(" | ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))) + " |");
    }
}
