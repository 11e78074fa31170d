using MarketBlazor.App.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace MarketBlazor.App.Components.Shared;

public sealed partial class PriceChart : IAsyncDisposable
{
    private const double PlotWidth = 1000;
    private const double PlotHeight = 300;

    /// <summary>Beyond this many points the chart thins them evenly (always keeping the latest): a path of thousands of points costs bandwidth on every push and shows nothing more.</summary>
    public const int MaxDrawn = 500;

    [Parameter, EditorRequired] public IReadOnlyList<PricePoint> Points { get; set; } = [];

    /// <summary>Left edge of the time axis.</summary>
    [Parameter, EditorRequired] public DateTimeOffset From { get; set; }

    /// <summary>Right edge of the time axis: the last price holds until now.</summary>
    [Parameter, EditorRequired] public DateTimeOffset Now { get; set; }

    [Parameter(CaptureUnmatchedValues = true)] public IReadOnlyDictionary<string, object>? Attributes { get; set; }

    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    private IJSObjectReference? crosshair;

    private IReadOnlyList<PricePoint> drawn = [];
    private decimal low, high;
    private IReadOnlyList<decimal> levels = [];
    private IReadOnlyList<TimeTick> timeTicks = [];
    private string line = "", area = "", series = "";

    private string Label => drawn.Count == 0 ? "" : $"Yes price from {Format.Percent(drawn[0].YesPrice)} to {Format.Percent(drawn[^1].YesPrice)}";

    protected override void OnParametersSet()
    {
        drawn = Thin(Points);
        if (drawn.Count == 0) return;
        var (bottom, top) = Scale(drawn);
        levels = ChartTicks.Percent(bottom, top);
        (low, high) = (levels[0], levels[^1]);
        timeTicks = ChartTicks.Time(From, Now);
        // Seconds from the left edge and the price in tenths of a percent, rounded as Format.Percent rounds: compact,
        // and the readout never disagrees with the page's own price by a rounding step.
        series = string.Join(";", drawn.Select(p => Invariant($"{Math.Max(0, (long)(p.At - From).TotalSeconds)},{Math.Round(p.YesPrice * 1_000, MidpointRounding.AwayFromZero)}")));

        var path = new System.Text.StringBuilder();
        path.Append(Invariant($"M{X(drawn[0].At):0.#},{Y(drawn[0].YesPrice):0.#}"));
        foreach (var point in drawn.Skip(1)) path.Append(Invariant($"H{X(point.At):0.#}V{Y(point.YesPrice):0.#}"));
        path.Append(Invariant($"H{PlotWidth}"));
        line = path.ToString();
        area = line + Invariant($"V{PlotHeight}H{X(drawn[0].At):0.#}Z");
    }

    private static IReadOnlyList<PricePoint> Thin(IReadOnlyList<PricePoint> points)
    {
        if (points.Count <= MaxDrawn) return points;
        var stride = (double)(points.Count - 1) / (MaxDrawn - 1);
        return Enumerable.Range(0, MaxDrawn).Select(i => points[(int)Math.Round(i * stride)]).ToList();
    }

    /// <summary>Fits the prices with some air, at least ten points tall so noise does not look like a crash, within 0–100% (ChartTicks rounds it).</summary>
    private static (decimal Low, decimal High) Scale(IReadOnlyList<PricePoint> points)
    {
        var min = points.Min(p => p.YesPrice);
        var max = points.Max(p => p.YesPrice);
        var middle = (min + max) / 2;
        var half = Math.Max((max - min) / 2 * 1.15m, 0.05m);
        var bottom = Math.Max(0, middle - half);
        var top = Math.Min(1, middle + half);
        return (bottom, top);
    }

    private double X(DateTimeOffset at)
    {
        var span = Math.Max((Now - From).TotalMilliseconds, 1);
        return Math.Clamp((at - From).TotalMilliseconds / span, 0, 1) * PlotWidth;
    }

    private double Y(decimal price) => (double)((high - price) / (high - low)) * PlotHeight;

    private string TickStyle(DateTimeOffset at) => Invariant($"left:{X(at) / PlotWidth * 100:0.##}%");

    private string LevelStyle(decimal level) => Invariant($"top:{(double)((high - level) / (high - low)) * 100:0.##}%");

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>The crosshair script listens on the document for every chart, so importing it once per page is enough.</summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        crosshair = await JS.InvokeAsync<IJSObjectReference>("import", Navigation.ToAbsoluteUri(Assets["Components/Shared/PriceChart.razor.js"]).ToString());
    }

    public async ValueTask DisposeAsync()
    {
        if (crosshair is null) return;
        try
        {
            await crosshair.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the module reference with it.
        }
    }
}
