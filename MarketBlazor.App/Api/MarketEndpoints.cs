using System.Globalization;
using MarketBlazor.App.Live;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Queries;
using MarketBlazor.Data.Trading;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MarketBlazor.App.Api;

/// <summary>Market data: public, like the pages that show it.</summary>
internal static class MarketEndpoints
{
    public static void MapMarketEndpoints(this RouteGroupBuilder api)
    {
        var markets = api.MapGroup("/markets").WithTags("Markets");
        markets.MapGet("/", ListMarkets).AllowAnonymous();
        markets.MapGet("/{id:int}", GetMarket).AllowAnonymous();
        markets.MapGet("/{id:int}/quote", Quote).AllowAnonymous();
        markets.MapGet("/{id:int}/trades", TradesAsync).AllowAnonymous();
        markets.MapOrderEndpoints();
        markets.MapMarketLifecycleEndpoints();
    }

    // Market reads answer from this instance's board, exactly what its pages show.
    private static Results<Ok<IEnumerable<MarketSummaryResponse>>, ProblemHttpResult> ListMarkets(string? status, MarketBoard board)
    {
        var only = status is null ? null : StatusWord(status);
        if (status is not null && only is null) return ApiProblems.BadRequest("status must be 'open', 'closed' or 'resolved'.");
        return TypedResults.Ok(board.Markets().Where(m => only is null || m.Status == only).OrderBy(m => m.Id).Select(MarketSummaryResponse.From));
    }

    private static MarketStatus? StatusWord(string word) => word.Trim().ToLowerInvariant() switch
    {
        "open" => MarketStatus.Open,
        "closed" => MarketStatus.Closed,
        "resolved" => MarketStatus.Resolved,
        _ => null,
    };

    private static Results<Ok<MarketDetailResponse>, ProblemHttpResult> GetMarket(int id, MarketBoard board) =>
        board.Market(id) is { } market
            ? TypedResults.Ok(MarketDetailResponse.From(market))
            : ApiProblems.NotFound($"Market {id} does not exist.");

    private static Results<Ok<QuoteResponse>, ProblemHttpResult> Quote(int id, string? side, string? action, string? amount, MarketBoard board)
    {
        if (TradeWords.Side(side) is not { } parsedSide) return ApiProblems.BadRequest("side must be 'yes' or 'no'.");
        if (TradeWords.Action(action) is not { } parsedAction) return ApiProblems.BadRequest("action must be 'buy' or 'sell'.");
        if (!double.TryParse(amount, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            return ApiProblems.BadRequest("amount is required and must be a number.");

        // Priced on the board, like the trade ticket: an order placed on it is still checked against the committed state.
        var result = board.Quote(id, parsedSide, parsedAction, value);
        return result.Quote is { } quote ? TypedResults.Ok(QuoteResponse.From(quote)) : ApiProblems.From(result.Rejection!);
    }

    private static async Task<Results<Ok<IEnumerable<TradeResponse>>, ProblemHttpResult>> TradesAsync(
        int id, string? after, string? take, MarketBoard board, MarketReader reader, CancellationToken ct)
    {
        if (!QueryValues.TryParseOptional(after, 0L, out var afterSequence) || afterSequence < 0)
            return ApiProblems.BadRequest("after must be a non-negative market sequence.");
        if (!QueryValues.TryParseOptional(take, 1000, out var count) || count < 1 || count > MarketReader.MaxTradesPerPage)
            return ApiProblems.BadRequest($"take must be between 1 and {MarketReader.MaxTradesPerPage}.");
        if (board.Market(id) is null) return ApiProblems.NotFound($"Market {id} does not exist.");
        var trades = await reader.TradesAfterAsync(id, afterSequence, count, ct);
        return TypedResults.Ok(trades.Select(TradeResponse.From));
    }
}
