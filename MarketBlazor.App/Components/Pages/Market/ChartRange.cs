namespace MarketBlazor.App.Components.Pages.Market;

/// <summary>A window of price history; <see cref="Span"/> null means since the market opened.</summary>
public sealed record ChartRange(string Key, string Label, TimeSpan? Span)
{
    public static readonly ChartRange Hour = new("1h", "1H", TimeSpan.FromHours(1));
    public static readonly ChartRange Day = new("1d", "1D", TimeSpan.FromDays(1));
    public static readonly ChartRange Week = new("1w", "1W", TimeSpan.FromDays(7));
    public static readonly ChartRange Everything = new("all", "All", null);

    public static readonly IReadOnlyList<ChartRange> All = [Hour, Day, Week, Everything];
}
