using MarketBlazor.Data.Trading;

namespace MarketBlazor.App.Api;

/// <summary>ProblemDetails answers with a machine-readable <c>reason</c> next to the human-readable detail.</summary>
internal static class ApiProblems
{
    public static IResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "Malformed request", "malformed", detail);

    public static IResult TooLarge(string detail) => Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", "too_large", detail);

    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found", "not_found", detail);

    public static IResult From(OrderRejected rejection) => rejection.Reason switch
    {
        RejectReason.StaleQuote => Problem(StatusCodes.Status409Conflict, "Stale quote", "stale_quote", rejection.Message,
            rejection.FreshQuote is { } fresh ? QuoteResponse.From(fresh) : null),
        RejectReason.NotFound => NotFound(rejection.Message),
        RejectReason.Busy => Problem(StatusCodes.Status503ServiceUnavailable, "Busy", "busy", rejection.Message),
        RejectReason.Unavailable => Problem(StatusCodes.Status503ServiceUnavailable, "Trading unavailable", "unavailable", rejection.Message),
        RejectReason.Unconfirmed => Problem(StatusCodes.Status503ServiceUnavailable, "Outcome unknown", "unconfirmed", rejection.Message),
        RejectReason.MarketClosed => Unprocessable("Market closed", "market_closed", rejection.Message),
        RejectReason.InsufficientFunds => Unprocessable("Insufficient funds", "insufficient_funds", rejection.Message),
        RejectReason.InsufficientShares => Unprocessable("Insufficient shares", "insufficient_shares", rejection.Message),
        _ => Unprocessable("Invalid order", "invalid", rejection.Message),
    };

    private static IResult Unprocessable(string title, string reason, string detail) =>
        Problem(StatusCodes.Status422UnprocessableEntity, title, reason, detail);

    private static IResult Problem(int status, string title, string reason, string detail, QuoteResponse? quote = null)
    {
        var extensions = new Dictionary<string, object?> { ["reason"] = reason };
        if (quote is not null) extensions["quote"] = quote;
        return Results.Problem(detail, statusCode: status, title: title, extensions: extensions);
    }
}
