namespace MarketBlazor.App.Lifecycle;

public sealed class LifecycleOptions
{
    public const string Section = "Lifecycle";

    /// <summary>How often due markets are looked for: a market shows as closed at most this long after closes_at.</summary>
    public TimeSpan CloseInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest pause after repeated failures (e.g. the database is down).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(1);
}
