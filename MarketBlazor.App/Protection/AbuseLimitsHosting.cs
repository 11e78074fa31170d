using System.Threading.RateLimiting;
using MarketBlazor.App.Api;
using MarketBlazor.App.People;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MarketBlazor.App.Protection;

/// <summary>
/// The defences at the edge: HTTPS and HSTS in Production, security headers on every response, and
/// ASP.NET Core's rate limiter for sign-ups, API reads and open event streams (orders have their own per-person throttle,
/// <see cref="OrderThrottle"/>). Limits come from configuration section <c>RateLimits</c>; 0 turns one off.
/// </summary>
public static class AbuseLimitsHosting
{
    public static void AddAbuseLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectAsync;
            options.AddPolicy(RateLimitPolicies.SignUps, SignUpsPartition);
            options.AddPolicy(RateLimitPolicies.ApiReads, ApiReadsPartition);
            options.AddPolicy(RateLimitPolicies.Streams, StreamsPartition);
        });
    }

    public static void UseAbuseLimits(this WebApplication app)
    {
        if (app.Environment.IsProduction())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseSecurityHeaders(app.Environment.IsDevelopment());
        app.UseRateLimiter();
    }

    private static RateLimitPartition<string> SignUpsPartition(HttpContext context)
    {
        var perHour = Limits(context).SignUpsPerHour;
        // Only creating someone counts: viewing the sign-up page, or failing its form's validation client-side, does not.
        if (perHour <= 0 || !HttpMethods.IsPost(context.Request.Method)) return RateLimitPartition.GetNoLimiter("");
        return RateLimitPartition.GetFixedWindowLimiter(ClientAddress(context), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perHour,
            Window = TimeSpan.FromHours(1),
            QueueLimit = 0,
        });
    }

    private static RateLimitPartition<string> ApiReadsPartition(HttpContext context)
    {
        var perMinute = Limits(context).ApiReadsPerMinute;
        if (perMinute <= 0 || !HttpMethods.IsGet(context.Request.Method)) return RateLimitPartition.GetNoLimiter("");
        // A bucket refilled every second: a client may burst a minute's worth, then reads at the per-minute rate.
        return RateLimitPartition.GetTokenBucketLimiter(ClientAddress(context), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = Math.Max(1, perMinute / 60),
            ReplenishmentPeriod = TimeSpan.FromSeconds(Math.Max(1, 60 / perMinute)),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static RateLimitPartition<string> StreamsPartition(HttpContext context)
    {
        var perAddress = Limits(context).StreamsPerAddress;
        if (perAddress <= 0) return RateLimitPartition.GetNoLimiter("");
        // The lease is held until the request ends, which for a stream is when it closes: this counts open streams, not requests.
        return RateLimitPartition.GetConcurrencyLimiter(ClientAddress(context), _ => new ConcurrencyLimiterOptions
        {
            PermitLimit = perAddress,
            QueueLimit = 0,
        });
    }

    private static RateLimitOptions Limits(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    /// <summary>The peer's address; behind a reverse proxy, forwarded headers must be applied first for this to be the client.</summary>
    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        rejected.HttpContext.Response.Headers.RetryAfter = RetryAfter.Seconds(wait);
        await ApiProblems.RateLimited($"Too many requests from your address; retry after {RetryAfter.Seconds(wait)} s.").ExecuteAsync(rejected.HttpContext);
    }
}
