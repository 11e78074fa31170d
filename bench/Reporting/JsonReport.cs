using System.Text.Json;

namespace MarketBlazor.Bench.Reporting;

/// <summary>A scenario's result as JSON: figures as a name → value object, tables as rows of cells keyed by column.</summary>
public static class JsonReport
{
    public static async Task WriteAsync(string path, ScenarioResult result, CancellationToken cancellationToken)
    {
        var document = new
        {
            scenario = result.Scenario,
            size = result.Size.ToString().ToLowerInvariant(),
            startedAt = result.StartedAt,
            elapsedSeconds = Math.Round(result.Elapsed.TotalSeconds, 1),
            machine = new { cores = Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription },
            figures = result.Figures.ToDictionary(f => f.Name, f => double.IsFinite(f.Value) ? (double?)Math.Round(f.Value, 3) : null),
            tables = result.Tables.Select(t => new
            {
                title = t.Title,
                rows = t.Rows.Select(r => t.Columns.Zip(r).ToDictionary(c => c.First, c => c.Second)),
            }),
            notes = result.Notes,
            charts = result.Charts,
        };
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, document, new JsonSerializerOptions { WriteIndented = true }, cancellationToken);
    }
}
