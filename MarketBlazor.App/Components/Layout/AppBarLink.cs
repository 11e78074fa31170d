using Microsoft.AspNetCore.Components;

namespace MarketBlazor.App.Components.Layout;

/// <summary>
/// A button-looking link of the app bar, as plain markup with MudBlazor's own button classes: a
/// <c>MudButton</c> and its <c>MudIcon</c> were two components with their render trees in every
/// circuit, for each of the bar's links. <see cref="Content"/> (icon and label) is built once and
/// shared by every circuit.
/// </summary>
public sealed record AppBarLink(string Href, string Label, string Icon, string TestId)
{
    public const string ButtonClass = "mud-button-root mud-button mud-button-text mud-button-text-inherit mud-button-text-size-medium mud-ripple nav-button";

    /// <summary>The icon, and the label that only shows from tablet width up (the link keeps its aria-label).</summary>
    public MarkupString Content { get; } = new(
        $"<span class=\"mud-button-label\"><span class=\"mud-button-icon-start mud-button-icon-size-medium\">{AppBarIcon.Svg(Icon)}</span>" +
        $"<span class=\"d-none d-sm-inline\">{System.Net.WebUtility.HtmlEncode(Label)}</span></span>");

    public string Class(bool current) => current ? ButtonClass + " current" : ButtonClass;
}
