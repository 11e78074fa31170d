using System.Reflection;
using MarketBlazor.App.Components.Layout;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.RenderTree;

#pragma warning disable BL0005, BL0006 // The test sets the provider's theme and reads the frames it builds: what every circuit's render tree would hold.

namespace MarketBlazor.Tests.Unit;

/// <summary>Two circuits' theme providers point to one stylesheet string, not a copy each.</summary>
public sealed class SharedThemeProviderTests
{
    private static readonly MethodInfo BuildRenderTree =
        typeof(SharedThemeProvider).GetMethod("BuildRenderTree", BindingFlags.Instance | BindingFlags.NonPublic)!;

    private static List<string> MarkupOf(SharedThemeProvider provider)
    {
        using var builder = new RenderTreeBuilder();
        BuildRenderTree.Invoke(provider, [builder]);
        var frames = builder.GetFrames();
        var markup = new List<string>();
        for (var i = 0; i < frames.Count; i++)
        {
            Assert.Equal(RenderTreeFrameType.Markup, frames.Array[i].FrameType);
            markup.Add(frames.Array[i].MarkupContent);
        }
        return markup;
    }

    [Fact]
    public void Two_providers_render_the_same_stylesheet_instances()
    {
        var first = MarkupOf(new SharedThemeProvider { Theme = MarketTheme.Theme });
        var second = MarkupOf(new SharedThemeProvider { Theme = MarketTheme.Theme });

        Assert.Contains(first, m => m.Contains("--mud-palette-primary: #3f51b5", StringComparison.OrdinalIgnoreCase) || m.Contains("--mud-palette-primary: rgba(63,81,181", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++) Assert.Same(first[i], second[i]);
    }
}
