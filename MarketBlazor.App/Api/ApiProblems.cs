using MarketBlazor.Data.Lifecycle;
using MarketBlazor.Data.Trading;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MarketBlazor.App.Api;

/// <summary>ProblemDetails answers with a machine-readable <c>reason</c> next to the human-readable detail.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "Malformed request", "malformed", detail);

    public static ProblemHttpResult Forbidden(string detail) => Problem(StatusCodes.Status403Forbidden, "Forbidden", "forbidden", detail);

    public static ProblemHttpResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found", "not_found", detail);

    public static ProblemHttpResult TooLarge(string detail) => Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", "too_large", detail);

    public static ProblemHttpResult UnsupportedMediaType(string detail) =>
        Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "unsupported_media_type", detail);

    public static ProblemHttpResult RateLimited(string detail) => Problem(StatusCodes.Status429TooManyRequests, "Too many requests", "rate_limited", detail);

    public static ProblemHttpResult Unavailable(string detail) => Problem(StatusCodes.Status503ServiceUnavailable, "Service unavailable", "unavailable", detail);

    public static ProblemHttpResult From(OrderRejected rejection) => rejection.Reason switch
    {
        RejectReason.StaleQuote => Problem(StatusCodes.Status409Conflict, "Stale quote", "stale_quote", rejection.Message,
            rejection.FreshQuote is { } fresh ? QuoteResponse.From(fresh) : null),
        RejectReason.OrderIdReused => Problem(StatusCodes.Status409Conflict, "Order id reused", "order_id_reused", rejection.Message),
        RejectReason.NotFound => NotFound(rejection.Message),
        RejectReason.Busy => Problem(StatusCodes.Status503ServiceUnavailable, "Busy", "busy", rejection.Message),
        RejectReason.Unavailable => Problem(StatusCodes.Status503ServiceUnavailable, "Trading unavailable", "unavailable", rejection.Message),
        RejectReason.Unconfirmed => Problem(StatusCodes.Status503ServiceUnavailable, "Outcome unknown", "unconfirmed", rejection.Message),
        RejectReason.MarketClosed => Unprocessable("Market closed", "market_closed", rejection.Message),
        RejectReason.InsufficientFunds => Unprocessable("Insufficient funds", "insufficient_funds", rejection.Message),
        RejectReason.InsufficientShares => Unprocessable("Insufficient shares", "insufficient_shares", rejection.Message),
        _ => Unprocessable("Invalid order", "invalid", rejection.Message),
    };

    public static ProblemHttpResult From(LifecycleRefused refusal) => refusal.Reason switch
    {
        LifecycleRefusal.NotFound => NotFound(refusal.Message),
        LifecycleRefusal.Forbidden => Forbidden(refusal.Message),
        LifecycleRefusal.AlreadyResolved => Problem(StatusCodes.Status409Conflict, "Already resolved", "already_resolved", refusal.Message),
        LifecycleRefusal.Conflict => Problem(StatusCodes.Status409Conflict, "Conflict", "conflict", refusal.Message),
        LifecycleRefusal.InsufficientFunds => Unprocessable("Insufficient funds", "insufficient_funds", refusal.Message),
        _ => Unprocessable("Invalid market", "invalid", refusal.Message),
    };

    private static ProblemHttpResult Unprocessable(string title, string reason, string detail) =>
        Problem(StatusCodes.Status422UnprocessableEntity, title, reason, detail);

    private static ProblemHttpResult Problem(int status, string title, string reason, string detail, QuoteResponse? quote = null)
    {
        var extensions = new Dictionary<string, object?> { [ApiProblemShapes.Reason] = reason };
        if (quote is not null) extensions["quote"] = quote;
        return TypedResults.Problem(detail, statusCode: status, title: title, extensions: extensions);
    }
}
