namespace MarketBlazor.App.Protection;

/// <summary>Rate limiter policy names, for <c>RequireRateLimiting(...)</c> on endpoints and pages.</summary>
public static class RateLimitPolicies
{
    /// <summary>Creating people (registration, "Try it now"): POSTs per client IP per hour; GETs of the same pages pass.</summary>
    public const string SignUps = "sign-ups";

    /// <summary>API reads: GET /api/... per client IP per minute.</summary>
    public const string ApiReads = "api-reads";

    /// <summary>Server-Sent Event streams open at once per client IP (a stream holds its permit until it ends).</summary>
    public const string Streams = "streams";
}
