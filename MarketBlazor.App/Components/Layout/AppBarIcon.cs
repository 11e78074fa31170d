using Microsoft.AspNetCore.Components;

namespace MarketBlazor.App.Components.Layout;

/// <summary>A Material icon as the markup <c>MudIcon</c> renders, without a component per icon per circuit.</summary>
public static class AppBarIcon
{
    /// <param name="icon">The icon's SVG content, one of MudBlazor's <c>Icons.Material</c> constants.</param>
    public static string Svg(string icon) =>
        $"<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-medium\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{icon}</svg>";

    /// <summary>The content of an icon button (<c>MudIconButton</c>'s label span around the icon).</summary>
    public static MarkupString IconButtonContent(string icon) => new($"<span class=\"mud-icon-button-label\">{Svg(icon)}</span>");
}
