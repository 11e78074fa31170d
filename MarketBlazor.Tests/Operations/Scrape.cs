using System.Globalization;
using System.Text.RegularExpressions;

namespace MarketBlazor.Tests.Operations;

/// <summary>One Prometheus text exposition, read the way a scraper does: sample name, labels, value.</summary>
internal sealed partial class Scrape(string text)
{
    public string Text { get; } = text;

    /// <summary>The sum of a sample's values over every series whose labels include all of <paramref name="labels"/>.</summary>
    public double Sum(string sample, params (string Name, string Value)[] labels) =>
        Samples(sample).Where(s => labels.All(l => s.Labels.GetValueOrDefault(l.Name) == l.Value)).Sum(s => s.Value);

    /// <summary>Each series of a sample with the value of one label (e.g. outcome → count).</summary>
    public Dictionary<string, double> By(string sample, string label) =>
        Samples(sample).GroupBy(s => s.Labels.GetValueOrDefault(label) ?? "").ToDictionary(g => g.Key, g => g.Sum(s => s.Value));

    public bool Has(string sample) => Samples(sample).Any();

    private IEnumerable<(Dictionary<string, string> Labels, double Value)> Samples(string sample) =>
        Text.Split('\n')
            .Select(line => Line().Match(line))
            .Where(m => m.Success && m.Groups["name"].Value == sample)
            .Select(m => (
                Label().Matches(m.Groups["labels"].Value).ToDictionary(l => l.Groups[1].Value, l => l.Groups[2].Value),
                double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)")]
    private static partial Regex Line();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
