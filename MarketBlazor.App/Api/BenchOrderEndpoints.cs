using System.Text.Json;
using MarketBlazor.Data.Trading;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace MarketBlazor.App.Api;

/// <summary>
/// <c>POST /diagnostics/bench/markets/{id}/orders</c>: the public order endpoint's work (the same
/// buffered body read, JSON options, trade service and answers) without API-key authentication or
/// the order rate limiter, taking the account from the body. It exists only so the bench can price
/// authentication and the limiter against a baseline in the same app process (bench/, http
/// scenario). Mapped only when Diagnostics:Enabled is true and the environment is not Production:
/// a Production deployment can never expose an order path without a key.
/// </summary>
internal static class BenchOrderEndpoints
{
    public static void MapBenchOrders(this WebApplication app)
    {
        if (app.Environment.IsProduction()) return;
        app.MapPost("/diagnostics/bench/markets/{id:int}/orders", PlaceOrderAsync).ExcludeFromDescription();
    }

    private static async Task<IResult> PlaceOrderAsync(int id, HttpRequest request, TradeService trading, IOptions<JsonOptions> json, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MarketEndpoints.MaxOrderBodyBytes) return ApiProblems.TooLarge("Order body too large.");
            buffer.Write(chunk, 0, read);
        }

        OrderBody? body;
        try
        {
            body = JsonSerializer.Deserialize<OrderBody>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), json.Value.SerializerOptions);
        }
        catch (JsonException)
        {
            return ApiProblems.BadRequest("The body is not a valid order.");
        }
        if (body is not { AccountId: { } accountId, Amount: { } amount, QuotedPrice: { } price, QuotedSequence: { } sequence, Slippage: { } slippage }
            || TradeWords.Side(body.Side) is not { } side || TradeWords.Action(body.Action) is not { } action)
            return ApiProblems.BadRequest("The bench order endpoint needs every field of an order, accountId included.");

        return await trading.PlaceOrderAsync(new OrderRequest(accountId, id, side, action, amount, price, sequence, slippage), ct) switch
        {
            OrderFilled filled => Results.Ok(OrderFilledResponse.From(filled)),
            OrderRejected rejected => ApiProblems.From(rejected),
            var other => throw new InvalidOperationException($"Unexpected order result {other}"),
        };
    }
}
