namespace MarketBlazor.App.Components.Layout;

/// <summary>
/// The theme the server knows the visitor wants when it renders the first HTML: chosen (cookie),
/// preferred by the system (the Sec-CH-Prefers-Color-Scheme hint), or not known yet.
/// </summary>
public enum ThemeMode
{
    /// <summary>No cookie and no hint: render light, then ask the browser's prefers-color-scheme once interactive.</summary>
    Unknown,
    Light,
    Dark,
}
