using System.Security.Claims;
using MarketBlazor.App.People;
using MarketBlazor.App.Protection;
using MarketBlazor.Data.Trading;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MarketBlazor.App.Api;

/// <summary>Placing orders: API keys only, always as the key's owner.</summary>
internal static class OrderEndpoints
{
    /// <summary>An order is a few hundred bytes; anything near this is not an order.</summary>
    public const int MaxOrderBodyBytes = 16 * 1024;

    private const string OrderShape = "expected a JSON object with side ('yes'|'no'), action ('buy'|'sell'), " +
        "amount, quotedPrice, quotedSequence and slippage (numbers), and optionally accountId (integer) and orderId (UUID).";

    /// <summary>The body's size limit and its description for unreadable-body messages, shared with the bench's baseline endpoint.</summary>
    internal static readonly object[] BodyMetadata = [new RequestSizeLimitAttribute(MaxOrderBodyBytes), new JsonBodyShape("order", OrderShape)];

    public static void MapOrderEndpoints(this RouteGroupBuilder markets)
    {
        markets.MapPost("/{id:int}/orders", PlaceOrderAsync)
            .RequireAuthorization(MarketPolicies.ApiClient)
            .WithMetadata(BodyMetadata);
    }

    private static async Task<Results<Ok<OrderFilledResponse>, ProblemHttpResult>> PlaceOrderAsync(
        int id, OrderBody order, ClaimsPrincipal user, HttpResponse response, OrderThrottle throttle, TradeService trading, CancellationToken ct)
    {
        var trader = Trader.From(user) ?? throw new InvalidOperationException("The API client policy admits only principals with an account.");
        if (!throttle.TryAcquire(trader.UserId, out var retryAfter))
        {
            response.Headers.RetryAfter = RetryAfter.Seconds(retryAfter);
            return ApiProblems.RateLimited($"Too many orders; retry after {RetryAfter.Seconds(retryAfter)} s. Nothing was written.");
        }
        if (order.AccountId is { } named && named != trader.AccountId)
            return ApiProblems.Forbidden($"Account {named} is not yours: an API key trades only as its owner's account ({trader.AccountId}). Nothing was written.");

        return await FillAsync(order.ToRequest(trader.AccountId, id), trading, ct);
    }

    /// <summary>What every order endpoint answers once it knows whose order it is.</summary>
    internal static async Task<Results<Ok<OrderFilledResponse>, ProblemHttpResult>> FillAsync(OrderRequest order, TradeService trading, CancellationToken ct) =>
        await trading.PlaceOrderAsync(order, ct) switch
        {
            OrderFilled filled => TypedResults.Ok(OrderFilledResponse.From(filled)),
            OrderRejected rejected => ApiProblems.From(rejected),
            var other => throw new InvalidOperationException($"Unexpected order result {other}"),
        };
}
