using MudBlazor;

namespace MarketBlazor.App.Components.Layout;

/// <summary>
/// Palettes chosen for WCAG 2.2 AA: every colour used as text reaches 4.5:1 on the page and card
/// backgrounds of its theme, and every filled button's text reaches 4.5:1 on its fill. In dark mode
/// the accents are light tints (indigo 100, green/red/orange/blue 200–300), so filled buttons carry
/// dark text; MudBlazor's defaults (white on #66bb6a, 2.4:1) failed.
/// </summary>
public static class MarketTheme
{
    private const string DarkText = "rgba(0,0,0,0.87)";

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3f51b5",
            // MudBlazor's own app bar colour (#594ae2) is not the primary; the current page's tint on it fell to 4.3:1.
            AppbarBackground = "#3f51b5",
            Success = "#2e7d32",
            Error = "#c62828",
            // Orange 800-ish: MudBlazor's #ff9800 is 2.2:1 as text on white.
            Warning = "#a05a00",
            Info = "#1565c0",
            TextSecondary = "rgba(0,0,0,0.62)",
            ActionDefault = "rgba(0,0,0,0.62)",
        },
        PaletteDark = new PaletteDark
        {
            // Indigo 100: also 4.5:1 under the primary-tinted background of a selected nav link.
            Primary = "#c5cae9",
            PrimaryContrastText = DarkText,
            Success = "#81c784",
            SuccessContrastText = DarkText,
            Error = "#ef9a9a",
            ErrorContrastText = DarkText,
            Warning = "#ffb74d",
            WarningContrastText = DarkText,
            Info = "#64b5f6",
            InfoContrastText = DarkText,
            Secondary = "#f48fb1",
            SecondaryContrastText = DarkText,
            Background = "#32333d",
            TextPrimary = "rgba(255,255,255,0.87)",
            TextSecondary = "rgba(255,255,255,0.66)",
            ActionDefault = "rgba(255,255,255,0.66)",
            AppbarBackground = "#27272f",
            AppbarText = "rgba(255,255,255,0.87)",
        },
    };
}
