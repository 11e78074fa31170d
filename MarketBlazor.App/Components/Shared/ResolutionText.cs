using MarketBlazor.Data.Lifecycle;

namespace MarketBlazor.App.Components.Shared;

public static class ResolutionText
{
    /// <summary>How a resolution reads on screen: "Yes", "No", "MKT at 37.0%", or N/A with what it means.</summary>
    public static string Describe(Resolution resolution, decimal? probability) => resolution switch
    {
        Resolution.Yes => "Yes",
        Resolution.No => "No",
        Resolution.Na => "N/A (cancelled, net cash in refunded)",
        _ => $"MKT at {Format.Percent(probability ?? 0)}",
    };
}
