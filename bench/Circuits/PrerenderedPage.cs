using System.Text.Json;
using System.Text.RegularExpressions;

namespace MarketBlazor.Bench.Circuits;

/// <summary>
/// What a browser takes from a prerendered page to start its circuit: the server component
/// markers (<c>&lt;!--Blazor:{"type":"server",...}--&gt;</c>, in sequence order) and the persisted
/// component state. One page's markers can start many circuits, for about five minutes.
/// </summary>
public sealed partial record PrerenderedPage(string Path, IReadOnlyList<string> Markers, string State)
{
    public static async Task<PrerenderedPage> LoadAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        var html = await http.GetStringAsync(path, cancellationToken);
        var markers = Marker().Matches(html)
            .Select(m => m.Groups[1].Value)
            .Select(json => (Json: json, Document: JsonDocument.Parse(json).RootElement))
            .Where(m => m.Document.TryGetProperty("type", out var type) && type.GetString() == "server")
            .OrderBy(m => m.Document.GetProperty("sequence").GetInt32())
            .Select(m => m.Json)
            .ToList();
        if (markers.Count == 0) throw new InvalidOperationException($"GET {path} has no interactive server component markers.");
        var state = ComponentState().Match(html) is { Success: true } match ? match.Groups[1].Value : "";
        return new PrerenderedPage(path, markers, state);
    }

    [GeneratedRegex(@"<!--Blazor:(\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex ComponentState();
}
