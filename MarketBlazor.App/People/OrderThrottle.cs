using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace MarketBlazor.App.People;

/// <summary>
/// Orders per person, one token bucket per user shared by every way they trade (API keys and
/// browser tabs), so opening more tabs or keys does not raise the limit.
/// </summary>
public sealed class OrderThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string>? limiter;

    public OrderThrottle(IOptions<RateLimitOptions> options)
    {
        var limits = options.Value;
        if (limits.OrdersPerSecond <= 0) return;
        limiter = PartitionedRateLimiter.Create<string, string>(userId => RateLimitPartition.GetTokenBucketLimiter(userId, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(limits.OrderBurst, 1),
            TokensPerPeriod = limits.OrdersPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <returns>True when the user may place an order now; otherwise how long to wait.</returns>
    public bool TryAcquire(string userId, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (limiter is null) return true;
        using var lease = limiter.AttemptAcquire(userId);
        if (lease.IsAcquired) return true;
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        return false;
    }

    public void Dispose() => limiter?.Dispose();
}
