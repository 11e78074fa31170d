using System.Globalization;

namespace MarketBlazor.Bench.Load;

/// <summary>
/// Where the HTTP load sends its orders: the public endpoint, each trader with its own API key
/// (authenticated and rate limited by the app), or the bench-only endpoint that does the same work
/// without authentication or the limiter (the baseline; see MarketBlazor.App/Api/BenchOrderEndpoints.cs).
/// </summary>
public sealed record OrderRoute(string PathFormat, IReadOnlyDictionary<int, string>? Keys)
{
    public static OrderRoute WithKeys(IReadOnlyDictionary<int, string> keys) => new("/api/markets/{0}/orders", keys);

    public static OrderRoute WithoutAuthentication { get; } = new("/diagnostics/bench/markets/{0}/orders", null);

    public string Path(int marketId) => string.Format(CultureInfo.InvariantCulture, PathFormat, marketId);

    /// <exception cref="KeyNotFoundException">The account has no key.</exception>
    public string? Key(int accountId) => Keys?[accountId];
}
