using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using MarketBlazor.App.Live;
using Microsoft.AspNetCore.Components;

namespace MarketBlazor.App.Components.Shared;

/// <summary>
/// A trend at a glance: the last points evenly spaced, scaled to their own range, green when up
/// (styles in app.css). Markup rather than a component, built once per list of points: the board
/// computes a market's points once per change, so every circuit showing it shares one string
/// instead of keeping a component and its render trees per row.
/// </summary>
public static class Sparkline
{
    private const int Width = 96;
    private const int Height = 28;
    private const string Empty = "<span class=\"sparkline-empty\" aria-label=\"No trades yet\">—</span>";

    /// <summary>Keyed by the list itself: an entry lives as long as the board version that holds the list.</summary>
    private static readonly ConditionalWeakTable<IReadOnlyList<PricePoint>, string> Built = new();

    public static MarkupString Markup(IReadOnlyList<PricePoint> points) =>
        new(points.Count > 1 ? Built.GetValue(points, Build) : Empty);

    private static string Build(IReadOnlyList<PricePoint> points)
    {
        var direction = points[^1].YesPrice >= points[0].YesPrice ? "up" : "down";
        var label = HtmlEncoder.Default.Encode($"Yes price trend, from {Format.Percent(points[0].YesPrice)} to {Format.Percent(points[^1].YesPrice)}");
        return $"<svg class=\"sparkline {direction}\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" preserveAspectRatio=\"none\" " +
               $"role=\"img\" aria-label=\"{label}\"><polyline points=\"{Polyline(points)}\" /></svg>";
    }

    private static string Polyline(IReadOnlyList<PricePoint> points)
    {
        var low = points.Min(p => p.YesPrice);
        var high = points.Max(p => p.YesPrice);
        // A flat line sits in the middle rather than glued to an edge.
        var span = high - low == 0 ? 1m : high - low;
        var step = (double)Width / (points.Count - 1);
        var text = new StringBuilder();
        for (var i = 0; i < points.Count; i++)
        {
            var y = high - low == 0 ? Height / 2.0 : 2 + (double)((high - points[i].YesPrice) / span) * (Height - 4);
            text.Append(CultureInfo.InvariantCulture, $"{i * step:0.#},{y:0.#} ");
        }
        return text.ToString().TrimEnd();
    }
}
