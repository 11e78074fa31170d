using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace MarketBlazor.App.People;

/// <summary>
/// Market launches per person per hour (<see cref="RateLimitOptions.MarketCreationsPerHour"/>), one
/// window per user shared by the create page and the API, so neither path adds to the other's allowance.
/// </summary>
public sealed class LaunchThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string>? limiter;

    public LaunchThrottle(IOptions<RateLimitOptions> options)
    {
        var perHour = options.Value.MarketCreationsPerHour;
        if (perHour <= 0) return;
        limiter = PartitionedRateLimiter.Create<string, string>(userId => RateLimitPartition.GetFixedWindowLimiter(userId, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perHour,
            Window = TimeSpan.FromHours(1),
            QueueLimit = 0,
        }));
    }

    /// <returns>True when the user may launch a market now; otherwise how long to wait.</returns>
    public bool TryAcquire(string userId, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (limiter is null) return true;
        using var lease = limiter.AttemptAcquire(userId);
        if (lease.IsAcquired) return true;
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        return false;
    }

    public void Dispose() => limiter?.Dispose();
}
