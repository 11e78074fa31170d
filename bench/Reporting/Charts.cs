using MarketBlazor.Bench.Load;
using ScottPlot;

namespace MarketBlazor.Bench.Reporting;

/// <summary>The bench's two kinds of chart, drawn with ScottPlot to PNG: grouped bars per load level, and latency CDFs.</summary>
public static class Charts
{
    private const int Width = 900;
    private const int Height = 520;

    /// <param name="groups">The x-axis categories (e.g. client counts).</param>
    /// <param name="series">One bar per group for each series (e.g. app and pgbench).</param>
    public static void Bars(string path, string title, string xLabel, string yLabel,
        IReadOnlyList<string> groups, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var width = 0.8 / series.Count;
        for (var s = 0; s < series.Count; s++)
        {
            var offset = (s - (series.Count - 1) / 2.0) * width;
            var bars = series[s].Values.Select((value, group) => new Bar
            {
                Position = group + offset,
                Value = double.IsFinite(value) ? value : 0,
                Size = width * 0.9,
                FillColor = palette.GetColor(s),
            }).ToList();
            plot.Add.Bars(bars).LegendText = series[s].Name;
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            groups.Select((_, i) => (double)i).ToArray(), groups.ToArray());
        plot.Axes.Margins(bottom: 0);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>Cumulative distributions: for each latency, the share of samples at or below it. The x-axis stops at the largest p99.9.</summary>
    public static void LatencyCdf(string path, string title, IReadOnlyList<(string Name, LatencyStats Latency)> series)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var xMax = 0.0;
        for (var s = 0; s < series.Count; s++)
        {
            var sorted = series[s].Latency.Sorted;
            if (sorted.Count == 0) continue;
            const int points = 1000;
            var step = Math.Max(1, sorted.Count / points);
            var indices = Enumerable.Range(0, sorted.Count).Where(i => i % step == 0 || i == sorted.Count - 1).ToArray();
            var line = plot.Add.ScatterLine(indices.Select(i => sorted[i]).ToArray(), indices.Select(i => 100.0 * (i + 1) / sorted.Count).ToArray());
            line.LegendText = $"{series[s].Name} (p50 {series[s].Latency.P50:0.#} ms, p99 {series[s].Latency.P99:0.#} ms)";
            line.Color = palette.GetColor(s);
            line.LineWidth = 2;
            xMax = Math.Max(xMax, series[s].Latency.Percentile(99.9));
        }
        plot.Axes.SetLimits(0, xMax * 1.1, 0, 101);
        plot.Title(title);
        plot.XLabel("latency (ms)");
        plot.YLabel("% of samples at or below");
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, Width, Height);
    }
}
