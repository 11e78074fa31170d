namespace MarketBlazor.Data.Insights;

/// <summary>When the statistics are worth a suggestion.</summary>
/// <param name="MinimumLiveRows">A table smaller than this is cheaper to scan than to index: no suggestion.</param>
/// <param name="MinimumSequentialScans">Fewer scans than this are not "under load".</param>
public sealed record SuggestionThresholds(long MinimumLiveRows = 1_000, long MinimumSequentialScans = 50)
{
    public static readonly SuggestionThresholds Default = new();
}
