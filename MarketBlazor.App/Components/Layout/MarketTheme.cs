using MudBlazor;

namespace MarketBlazor.App.Components.Layout;

public static class MarketTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#3f51b5", Success = "#2e7d32", Error = "#c62828" },
        PaletteDark = new PaletteDark { Primary = "#7986cb", Success = "#66bb6a", Error = "#ef5350" },
    };
}
