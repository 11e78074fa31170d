using MarketBlazor.Data.Trading;
using Microsoft.AspNetCore.Mvc;

namespace MarketBlazor.App.Api;

/// <summary>
/// <c>POST /diagnostics/bench/markets/{id}/orders</c>: an order endpoint without API-key
/// authentication or the order rate limiter, taking the account from the body. It exists only so
/// the bench can price authentication and the limiter against a baseline in the same app process
/// (bench/, http scenario): JSON binding, the trade service and the answers are the public
/// endpoint's. Mapped only when Diagnostics:Enabled is true and the environment is not Production,
/// so a Production deployment can never expose an order path without a key.
/// </summary>
internal static class BenchOrderEndpoints
{
    private const int MaxBodyBytes = 16 * 1024;

    public static void MapBenchOrders(this WebApplication app)
    {
        if (app.Environment.IsProduction()) return;
        app.MapPost("/diagnostics/bench/markets/{id:int}/orders", PlaceOrderAsync)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .ExcludeFromDescription();
    }

    /// <summary>An order with its account: with no key, the body is the only thing that can say whose order it is.</summary>
    internal sealed record BenchOrderBody(int AccountId, string Side, string Action, double Amount, double QuotedPrice, long QuotedSequence, double Slippage);

    private static async Task<IResult> PlaceOrderAsync(int id, BenchOrderBody body, TradeService trading, CancellationToken ct)
    {
        if (TradeWords.Side(body.Side) is not { } side || TradeWords.Action(body.Action) is not { } action)
            return ApiProblems.BadRequest("side must be 'yes' or 'no', action 'buy' or 'sell'.");
        var order = new OrderRequest(body.AccountId, id, side, action, body.Amount, body.QuotedPrice, body.QuotedSequence, body.Slippage);
        return await trading.PlaceOrderAsync(order, ct) switch
        {
            OrderFilled filled => Results.Ok(OrderFilledResponse.From(filled)),
            OrderRejected rejected => ApiProblems.From(rejected),
            var other => throw new InvalidOperationException($"Unexpected order result {other}"),
        };
    }
}
