namespace MarketBlazor.App.People;

/// <summary>Abuse limits (configuration section <c>RateLimits</c>). A limit of 0 turns that limit off.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Orders per second per person (API key or browser alike), refilled continuously.</summary>
    public int OrdersPerSecond { get; set; } = 10;

    /// <summary>Orders a person may send at once before the per-second rate applies.</summary>
    public int OrderBurst { get; set; } = 30;

    /// <summary>Registrations and guests per client IP per hour.</summary>
    public int SignUpsPerHour { get; set; } = 20;

    /// <summary>API reads (GET /api/...) per client IP per minute.</summary>
    public int ApiReadsPerMinute { get; set; } = 600;

    /// <summary>Markets a person may launch per hour.</summary>
    public int MarketCreationsPerHour { get; set; } = 10;
    /// <summary>Server-Sent Event streams (/api/stream, /api/markets/{id}/stream) open at once per client IP.</summary>
    public int StreamsPerAddress { get; set; } = 8;
}
