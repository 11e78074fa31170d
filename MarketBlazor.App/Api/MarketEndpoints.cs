using System.Globalization;
using System.Text.Json;
using MarketBlazor.App.Live;
using MarketBlazor.Data.Queries;
using MarketBlazor.Data.Trading;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace MarketBlazor.App.Api;

internal static class MarketEndpoints
{
    /// <summary>An order is a few hundred bytes; anything near this is not an order.</summary>
    public const int MaxOrderBodyBytes = 16 * 1024;

    private const string OrderShape = "expected a JSON object with accountId (integer), side ('yes'|'no'), action ('buy'|'sell'), " +
        "amount, quotedPrice, quotedSequence and slippage (numbers).";

    public static void MapMarketEndpoints(this RouteGroupBuilder api)
    {
        var markets = api.MapGroup("/markets").WithTags("Markets");

        // Market reads answer from this instance's board, exactly what its pages show.
        markets.MapGet("/", (MarketBoard board) =>
            board.Markets().OrderBy(m => m.Id).Select(MarketSummaryResponse.From));

        markets.MapGet("/{id:int}", (int id, MarketBoard board) =>
            board.Market(id) is { } market
                ? Results.Ok(MarketDetailResponse.From(market))
                : ApiProblems.NotFound($"Market {id} does not exist."));

        markets.MapGet("/{id:int}/quote", QuoteAsync);
        markets.MapPost("/{id:int}/orders", PlaceOrderAsync).Accepts<OrderBody>("application/json");

        markets.MapGet("/{id:int}/trades", async (int id, string? after, string? take, MarketReader reader, CancellationToken ct) =>
        {
            if (!QueryValues.TryParseOptional(after, 0L, out var afterSequence) || afterSequence < 0)
                return ApiProblems.BadRequest("after must be a non-negative market sequence.");
            if (!QueryValues.TryParseOptional(take, 1000, out var count) || count < 1 || count > MarketReader.MaxTradesPerPage)
                return ApiProblems.BadRequest($"take must be between 1 and {MarketReader.MaxTradesPerPage}.");
            if (await reader.GetMarketAsync(id, ct) is null) return ApiProblems.NotFound($"Market {id} does not exist.");
            var trades = await reader.TradesAfterAsync(id, afterSequence, count, ct);
            return Results.Ok(trades.Select(TradeResponse.From));
        });
    }

    private static async Task<IResult> QuoteAsync(int id, string? side, string? action, string? amount, TradeService trading, CancellationToken ct)
    {
        if (TradeWords.Side(side) is not { } parsedSide) return ApiProblems.BadRequest("side must be 'yes' or 'no'.");
        if (TradeWords.Action(action) is not { } parsedAction) return ApiProblems.BadRequest("action must be 'buy' or 'sell'.");
        if (!double.TryParse(amount, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            return ApiProblems.BadRequest("amount is required and must be a number.");

        var result = await trading.QuoteAsync(id, parsedSide, parsedAction, value, ct);
        return result.Quote is { } quote ? Results.Ok(QuoteResponse.From(quote)) : ApiProblems.From(result.Rejection!);
    }

    private static async Task<IResult> PlaceOrderAsync(int id, HttpRequest request, TradeService trading, IOptions<JsonOptions> json, CancellationToken ct)
    {
        if (request.ContentLength > MaxOrderBodyBytes) return ApiProblems.TooLarge($"An order body must be at most {MaxOrderBodyBytes / 1024} KB.");
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxOrderBodyBytes) return ApiProblems.TooLarge($"An order body must be at most {MaxOrderBodyBytes / 1024} KB.");
            buffer.Write(chunk, 0, read);
        }

        OrderBody? body;
        try
        {
            body = JsonSerializer.Deserialize<OrderBody>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), json.Value.SerializerOptions);
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" at {e.Path[2..]}";
            return ApiProblems.BadRequest($"The body is not a valid order{where}: {OrderShape}");
        }

        if (body is null) return ApiProblems.BadRequest("The body must be a JSON object.");
        var missing = new[]
        {
            (body.AccountId is null, "accountId"), (body.Side is null, "side"), (body.Action is null, "action"),
            (body.Amount is null, "amount"), (body.QuotedPrice is null, "quotedPrice"),
            (body.QuotedSequence is null, "quotedSequence"), (body.Slippage is null, "slippage"),
        }.Where(f => f.Item1).Select(f => f.Item2).ToList();
        if (missing.Count > 0) return ApiProblems.BadRequest($"Missing required field(s): {string.Join(", ", missing)}.");
        if (TradeWords.Side(body.Side) is not { } side) return ApiProblems.BadRequest("side must be 'yes' or 'no'.");
        if (TradeWords.Action(body.Action) is not { } action) return ApiProblems.BadRequest("action must be 'buy' or 'sell'.");

        var order = new OrderRequest(body.AccountId!.Value, id, side, action, body.Amount!.Value,
            body.QuotedPrice!.Value, body.QuotedSequence!.Value, body.Slippage!.Value);
        return await trading.PlaceOrderAsync(order, ct) switch
        {
            OrderFilled filled => Results.Ok(OrderFilledResponse.From(filled)),
            OrderRejected rejected => ApiProblems.From(rejected),
            var other => throw new InvalidOperationException($"Unexpected order result {other}"),
        };
    }
}
