namespace MarketBlazor.App.Api.Streaming;

/// <summary>Server-Sent Event streams (configuration section <c>Streaming</c>); how many a client may hold open is under <c>RateLimits</c>.</summary>
public sealed class StreamingOptions
{
    public const string Section = "Streaming";

    /// <summary>A quiet stream sends a heartbeat this often, so proxies and load balancers keep the connection open.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Changes queued for one stream before it is considered behind (as a circuit's queue).</summary>
    public int QueueCapacity { get; set; } = 256;
}
