using System.Net.ServerSentEvents;
using MarketBlazor.App.Live;
using MarketBlazor.App.Protection;
using MarketBlazor.Data.Queries;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MarketBlazor.App.Api.Streaming;

/// <summary>
/// Server-Sent Events for bots: one market's changes, resumable exactly with Last-Event-ID, and every
/// market's changes with resync notices. Public like all market data; each client IP may hold only a few
/// streams open at once (<see cref="RateLimitPolicies.Streams"/>).
/// </summary>
internal static class StreamEndpoints
{
    public const string LastEventIdHeader = "Last-Event-ID";

    public static void MapStreamEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/markets/{id:int}/stream", MarketAsync).WithTags("Streams").AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Streams);
        api.MapGet("/stream", AllMarkets).WithTags("Streams").AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Streams);
    }

    private static async Task<Results<ServerSentEventsResult<object>, ProblemHttpResult>> MarketAsync(
        int id, HttpRequest request, MarketBoard board, MarketReader reader, MarketStream stream, CancellationToken ct)
    {
        if (board.Market(id) is not { } market) return ApiProblems.NotFound($"Market {id} does not exist.");
        if (!QueryValues.TryParseOptional(request.Headers[LastEventIdHeader].ToString(), market.Sequence, out var after) || after < 0)
            return ApiProblems.BadRequest($"{LastEventIdHeader} must be a market sequence: a non-negative integer, as sent in the events' id.");
        // Ahead of this instance's board is fine if another instance already told the client about it; ahead of the database is not.
        if (after > market.Sequence && after > ((await reader.GetMarketAsync(id, ct))?.Sequence ?? 0))
            return ApiProblems.BadRequest($"{LastEventIdHeader} {after} is beyond market {id}'s latest sequence.");
        return TypedResults.ServerSentEvents(stream.ReadAsync(id, after));
    }

    private static ServerSentEventsResult<object> AllMarkets(AllMarketsStream stream) =>
        TypedResults.ServerSentEvents(stream.ReadAsync());
}
