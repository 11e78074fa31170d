using System.Text.Json;
using MarketBlazor.App.Live;
using MarketBlazor.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MarketBlazor.App.Api;

/// <summary>
/// Turns whatever an API request throws into ProblemDetails JSON, in every environment: a body that
/// cannot be read (400/413/415, naming the field and JSON path), the database being down (503, logged
/// once per outage), anything else (500, logged, no stack trace in the answer). Pages are left to
/// the UI's error page.
/// </summary>
internal sealed class ApiExceptionHandler(DatabaseHealth health, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!ApiHosting.IsApiRequest(context)) return false;
        var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        var problem = exception switch
        {
            BadHttpRequestException bad => Unreadable(bad, endpoint?.Metadata.GetMetadata<JsonBodyShape>()),
            _ when DatabaseFailures.IsUnavailable(exception) => Unavailable(exception),
            _ => Unexpected(context, exception),
        };
        await problem.ExecuteAsync(context);
        return true;
    }

    private ProblemHttpResult Unreadable(BadHttpRequestException bad, JsonBodyShape? shape)
    {
        logger.LogDebug(bad, "Unreadable API request");
        return bad.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => ApiProblems.TooLarge("The body is larger than this endpoint accepts."),
            StatusCodes.Status415UnsupportedMediaType => ApiProblems.UnsupportedMediaType("Send the body as JSON, with 'Content-Type: application/json'."),
            _ when bad.InnerException is JsonException json => ApiProblems.BadRequest(
                $"The body is not a valid {shape?.Noun ?? "request"}{Where(json)}: {shape?.Expected ?? "expected JSON."}"),
            _ => ApiProblems.BadRequest("The body must be a JSON object."),
        };
    }

    private ProblemHttpResult Unavailable(Exception exception)
    {
        if (health.ReportUnreachable(exception))
            logger.LogWarning("The database is unreachable; API reads answer 503 until it is back ({Message})", exception.Message);
        return ApiProblems.Unavailable("The market database is temporarily unreachable; please try again shortly.");
    }

    private ProblemHttpResult Unexpected(HttpContext context, Exception exception)
    {
        logger.LogError(exception, "Unhandled exception on {Method} {Path}", context.Request.Method, context.Request.Path);
        return TypedResults.Problem("Something went wrong on our side; it has been logged.", statusCode: StatusCodes.Status500InternalServerError,
            title: "Internal error", extensions: new Dictionary<string, object?> { [ApiProblemShapes.Reason] = "internal_error" });
    }

    /// <summary>" at amount" for "$.amount": the field as the body spells it.</summary>
    private static string Where(JsonException json) =>
        string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "" : $" at {json.Path[2..]}";
}
