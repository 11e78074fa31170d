using System.Text.Json;

namespace MarketBlazor.App.Api;

/// <summary>
/// The last word on every ProblemDetails the app writes (through <see cref="IProblemDetailsService"/>):
/// each carries a <c>reason</c>, and a failed validation becomes 400 "missing field(s)" or 422 with
/// the rule that was broken, as the order endpoint has always answered.
/// </summary>
internal static class ApiProblemShapes
{
    public const string Reason = "reason";

    /// <summary>The message of every [Required] on an API body: how a missing field is told from a bad value.</summary>
    public const string MissingField = "missing";

    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem is HttpValidationProblemDetails validation) Reshape(context, validation);
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Extensions.TryAdd(Reason, ReasonFor(status));
        // Answers the framework writes without a detail (routing's 405 and 415): say what to do instead.
        problem.Detail ??= status switch
        {
            StatusCodes.Status405MethodNotAllowed => $"This API path does not take {context.HttpContext.Request.Method}.",
            StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON, with 'Content-Type: application/json'.",
            _ => null,
        };
    }

    private static void Reshape(ProblemDetailsContext context, HttpValidationProblemDetails validation)
    {
        // Keys as the JSON body spells them, and words instead of the marker.
        validation.Errors = validation.Errors.ToDictionary(e => FieldName(e.Key),
            e => e.Value.Select(message => message == MissingField ? $"{FieldName(e.Key)} is required." : message).ToArray());
        var missing = validation.Errors.Where(e => e.Value.Contains($"{e.Key} is required.")).Select(e => e.Key).ToList();
        if (missing.Count > 0)
        {
            validation.Status = context.HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            validation.Title = "Malformed request";
            validation.Detail = $"Missing required field(s): {string.Join(", ", missing)}.";
            validation.Extensions[Reason] = "malformed";
            return;
        }
        // The values are well-formed but break a rule of the trade: unprocessable, with the rule's own words.
        validation.Status = context.HttpContext.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        validation.Type = "https://tools.ietf.org/html/rfc9110#section-15.5.21";
        validation.Title = "Invalid request";
        validation.Detail = validation.Errors.SelectMany(e => e.Value).FirstOrDefault() ?? "The request is invalid.";
        validation.Extensions[Reason] = "invalid";
    }

    /// <summary>Field names as they appear in the JSON body.</summary>
    private static string FieldName(string key) => JsonNamingPolicy.CamelCase.ConvertName(key);

    private static string ReasonFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "malformed",
        StatusCodes.Status401Unauthorized => "unauthorized",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status409Conflict => "conflict",
        StatusCodes.Status413PayloadTooLarge => "too_large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        StatusCodes.Status422UnprocessableEntity => "invalid",
        StatusCodes.Status429TooManyRequests => "rate_limited",
        StatusCodes.Status503ServiceUnavailable => "unavailable",
        >= 500 => "internal_error",
        _ => "error",
    };
}
