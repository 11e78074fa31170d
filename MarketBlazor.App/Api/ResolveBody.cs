using MarketBlazor.Data.Lifecycle;

namespace MarketBlazor.App.Api;

/// <summary>The POST body of a resolution: <c>{"outcome":"yes"|"no"|"na"|"mkt","probability":p}</c>, p only for mkt.</summary>
public sealed record ResolveBody(string? Outcome, decimal? Probability)
{
    public Resolution? Resolution => Outcome?.Trim().ToLowerInvariant() switch
    {
        "yes" => Data.Lifecycle.Resolution.Yes,
        "no" => Data.Lifecycle.Resolution.No,
        "mkt" => Data.Lifecycle.Resolution.Mkt,
        "na" => Data.Lifecycle.Resolution.Na,
        _ => null,
    };
}
