using MarketBlazor.App.Components.Shared;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.RenderTree;
using MudBlazor;

namespace MarketBlazor.App.Components.Layout;

/// <summary>
/// <see cref="MudThemeProvider"/> exactly as it renders, except that its stylesheets (markup it
/// rebuilds on every render) point to one shared string per content instead of a fresh copy per
/// circuit: the theme's CSS variables were the largest single thing every circuit held (two copies
/// of ≈ 60 KB each). Should a MudBlazor version render anything but markup here, it renders as is.
/// </summary>
public sealed class SharedThemeProvider : MudThemeProvider
{
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        using var own = new RenderTreeBuilder();
        base.BuildRenderTree(own);
#pragma warning disable BL0006 // Reading the frames MudThemeProvider built is the point: only their markup strings are swapped.
        var frames = own.GetFrames();
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames.Array[i].FrameType != RenderTreeFrameType.Markup)
            {
                base.BuildRenderTree(builder);
                return;
            }
        }
#pragma warning disable ASP0006 // The sequence numbers are MudThemeProvider's own literals, copied so the diff matches frame for frame.
        for (var i = 0; i < frames.Count; i++)
            builder.AddMarkupContent(frames.Array[i].Sequence, SharedMarkup.Process.Share(frames.Array[i].MarkupContent));
#pragma warning restore ASP0006
#pragma warning restore BL0006
    }
}
