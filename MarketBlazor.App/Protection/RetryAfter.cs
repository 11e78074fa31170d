using System.Globalization;

namespace MarketBlazor.App.Protection;

internal static class RetryAfter
{
    /// <summary>The Retry-After value: whole seconds, rounded up, so a client that waits exactly this long gets through.</summary>
    public static string Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
