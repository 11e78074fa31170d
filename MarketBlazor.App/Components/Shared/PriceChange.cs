using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;

namespace MarketBlazor.App.Components.Shared;

/// <summary>
/// A move of the Yes price in percentage points, coloured by direction (styles in app.css), as
/// markup rather than a component: every open board shows two per row, and a component per cell
/// kept its own render trees in every circuit. One string per shown text, shared by all circuits.
/// </summary>
public static class PriceChange
{
    /// <summary>Bounded by what can be shown: a period named by the page, 0.0–100.0 points, three directions.</summary>
    private static readonly ConcurrentDictionary<(string Period, string Points, string Direction), string> Known = new();

    /// <param name="value">The change of the Yes price (0.048 is 4.8 points).</param>
    /// <param name="period">Over what period, for the tooltip: "1h", "24h".</param>
    public static MarkupString Markup(decimal value, string period)
    {
        // Below half a tenth of a point the shown number is 0.0, so an arrow would contradict it.
        var direction = value >= 0.0005m ? "up" : value <= -0.0005m ? "down" : "flat";
        return new MarkupString(Known.GetOrAdd((period, Format.Points(value), direction), static key => Build(key.Period, key.Points, key.Direction)));
    }

    private static string Build(string period, string points, string direction)
    {
        var arrow = direction switch { "up" => "▲", "down" => "▼", _ => "–" };
        var title = HtmlEncoder.Default.Encode($"Yes price change over {period}, in percentage points");
        return $"<span class=\"price-change {direction}\" title=\"{title}\"><span aria-hidden=\"true\">{arrow}</span> <span>{points}</span><span class=\"unit\">pp</span></span>";
    }
}
