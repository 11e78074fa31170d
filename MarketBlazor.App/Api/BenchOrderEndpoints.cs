using MarketBlazor.Data.Trading;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MarketBlazor.App.Api;

/// <summary>
/// <c>POST /diagnostics/bench/markets/{id}/orders</c>: the public order endpoint minus API-key
/// authentication, the ownership check and the order throttle, taking the account from the body.
/// It exists only so the bench can price those three against a baseline in the same app process
/// (bench/, http scenario): the body binding, validation, trade service and answers are the public
/// endpoint's own code. Mapped only when Diagnostics:Enabled is true and the environment is not
/// Production, so no deployment can expose an order path without a key.
/// </summary>
internal static class BenchOrderEndpoints
{
    public static void MapBenchOrders(this WebApplication app)
    {
        if (app.Environment.IsProduction()) return;
        app.MapPost("/diagnostics/bench/markets/{id:int}/orders", PlaceOrderAsync)
            .WithMetadata(OrderEndpoints.BodyMetadata)
            // Deliberately open: it is the "without authentication" side of the measurement, and never mapped in Production.
            .AllowAnonymous()
            .ExcludeFromDescription();
    }

    private static Task<Results<Ok<OrderFilledResponse>, ProblemHttpResult>> PlaceOrderAsync(int id, OrderBody order, TradeService trading, CancellationToken ct) =>
        OrderEndpoints.FillAsync(order.ToRequest(order.AccountId ?? 0, id), trading, ct);
}
