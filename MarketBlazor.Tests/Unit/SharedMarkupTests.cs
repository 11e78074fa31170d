using MarketBlazor.App.Components.Shared;
using MarketBlazor.App.Live;

namespace MarketBlazor.Tests.Unit;

/// <summary>Markup that every circuit renders alike is one string instance, so circuits do not each keep a copy.</summary>
public sealed class SharedMarkupTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Equal_content_comes_back_as_the_instance_seen_first()
    {
        var markup = new SharedMarkup(4);
        var first = "<style>" + Guid.NewGuid() + "</style>";
        var second = new string(first.AsSpan());
        Assert.NotSame(first, second);

        Assert.Same(first, markup.Share(first));
        Assert.Same(first, markup.Share(second));
    }

    [Fact]
    public void Past_its_capacity_content_stays_unshared_but_intact()
    {
        var markup = new SharedMarkup(2);
        var kept = markup.Share("one");
        markup.Share("two");
        var late = "three " + Guid.NewGuid();
        var again = new string(late.AsSpan());

        Assert.Same(late, markup.Share(late));
        Assert.Same(again, markup.Share(again));
        Assert.Same(kept, markup.Share(new string("one".AsSpan())));
    }

    [Fact]
    public void A_price_change_is_one_string_per_shown_text_with_its_direction_and_tooltip()
    {
        var up = PriceChange.Markup(0.048m, "1h").Value;

        Assert.Same(up, PriceChange.Markup(0.0481m, "1h").Value);
        Assert.Equal("<span class=\"price-change up\" title=\"Yes price change over 1h, in percentage points\"><span aria-hidden=\"true\">▲</span> <span>4.8</span><span class=\"unit\">pp</span></span>", up);
        Assert.Contains("price-change down", PriceChange.Markup(-0.02m, "24h").Value);
        Assert.Contains("▼", PriceChange.Markup(-0.02m, "24h").Value);
        // Below half a tenth of a point the number shows 0.0: no arrow contradicts it.
        Assert.Contains("price-change flat", PriceChange.Markup(0.0004m, "1h").Value);
        Assert.NotSame(up, PriceChange.Markup(0.048m, "24h").Value);
    }

    [Fact]
    public void A_sparkline_is_built_once_per_list_of_points_and_scaled_to_its_range()
    {
        IReadOnlyList<PricePoint> points = [new(Start, 0.4m, 1), new(Start.AddMinutes(1), 0.6m, 2), new(Start.AddMinutes(2), 0.5m, 3)];

        var markup = Sparkline.Markup(points).Value;

        Assert.Same(markup, Sparkline.Markup(points).Value);
        Assert.Contains("class=\"sparkline up\"", markup);
        Assert.Contains("aria-label=\"Yes price trend, from 40.0% to 50.0%\"", markup);
        // 96 px wide, 28 high with 2 px margins: the low at the bottom, the high at the top.
        Assert.Contains("points=\"0,26 48,2 96,14\"", markup);
        Assert.Contains("sparkline down", Sparkline.Markup([new(Start, 0.6m, 1), new(Start.AddMinutes(1), 0.5m, 2)]).Value);
        Assert.Contains("No trades yet", Sparkline.Markup([new(Start, 0.6m, 1)]).Value);
    }
}
