using System.Security.Claims;
using MarketBlazor.App.People;
using MarketBlazor.App.Protection;
using MarketBlazor.Data.Lifecycle;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MarketBlazor.App.Api;

/// <summary>
/// Launching, closing and resolving markets (DESIGN §9): API keys of people who signed up (guests
/// are refused), acting as the key's owner; who may close or resolve is the lifecycle's rule.
/// </summary>
internal static class MarketLifecycleEndpoints
{
    public static void MapMarketLifecycleEndpoints(this RouteGroupBuilder markets)
    {
        markets.MapPost("/", CreateAsync).RequireAuthorization(MarketPolicies.ApiClient);
        markets.MapPost("/{id:int}/close", CloseAsync).RequireAuthorization(MarketPolicies.ApiClient);
        markets.MapPost("/{id:int}/resolve", ResolveAsync).RequireAuthorization(MarketPolicies.ApiClient);
    }

    private static async Task<Results<Created<MarketDetailResponse>, ProblemHttpResult>> CreateAsync(
        NewMarketBody body, ClaimsPrincipal user, HttpResponse response, LaunchThrottle throttle, MarketLifecycle lifecycle, CancellationToken ct)
    {
        if (Member(user) is not { } trader) return GuestRefused();
        var (proposal, missing) = body.ToProposal();
        if (proposal is null) return ApiProblems.BadRequest(missing!);
        if (!throttle.TryAcquire(trader.UserId, out var retryAfter))
        {
            response.Headers.RetryAfter = RetryAfter.Seconds(retryAfter);
            return ApiProblems.RateLimited($"Too many markets launched this hour; retry after {RetryAfter.Seconds(retryAfter)} s. Nothing was written.");
        }
        return await lifecycle.CreateAsync(proposal, trader.AccountId, ct) switch
        {
            MarketCreated created => TypedResults.Created($"/api/markets/{created.Market.Id}", MarketDetailResponse.From(created.Market)),
            LifecycleRefused refused => ApiProblems.From(refused),
            var other => throw new InvalidOperationException($"Unexpected launch result {other}"),
        };
    }

    private static async Task<Results<Ok<MarketDetailResponse>, ProblemHttpResult>> CloseAsync(
        int id, ClaimsPrincipal user, MarketLifecycle lifecycle, CancellationToken ct)
    {
        if (Member(user) is not { } trader) return GuestRefused();
        return await lifecycle.CloseAsync(id, new MarketActor(trader.AccountId, trader.IsAdmin), ct) switch
        {
            MarketClosed closed => TypedResults.Ok(MarketDetailResponse.From(closed.Market)),
            LifecycleRefused refused => ApiProblems.From(refused),
            var other => throw new InvalidOperationException($"Unexpected close result {other}"),
        };
    }

    private static async Task<Results<Ok<SettlementResponse>, ProblemHttpResult>> ResolveAsync(
        int id, ResolveBody body, ClaimsPrincipal user, MarketLifecycle lifecycle, CancellationToken ct)
    {
        if (Member(user) is not { } trader) return GuestRefused();
        if (body.Resolution is not { } resolution) return ApiProblems.BadRequest("outcome must be 'yes', 'no', 'mkt' or 'na'.");
        return await lifecycle.ResolveAsync(id, new MarketActor(trader.AccountId, trader.IsAdmin), resolution, body.Probability, ct) switch
        {
            MarketResolved resolved => TypedResults.Ok(SettlementResponse.From(resolved)),
            LifecycleRefused refused => ApiProblems.From(refused),
            var other => throw new InvalidOperationException($"Unexpected resolution result {other}"),
        };
    }

    /// <summary>The key's owner, unless a guest: a guest's play account may trade but not launch or end markets.</summary>
    private static Trader? Member(ClaimsPrincipal user)
    {
        var trader = Trader.From(user) ?? throw new InvalidOperationException("The API client policy admits only principals with an account.");
        return trader.IsGuest ? null : trader;
    }

    private static ProblemHttpResult GuestRefused() =>
        ApiProblems.Forbidden("Guests cannot launch, close or resolve markets; sign up to keep your account. Nothing was written.");
}
