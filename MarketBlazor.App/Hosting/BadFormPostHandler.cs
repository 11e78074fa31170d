using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;

namespace MarketBlazor.App.Hosting;

/// <summary>
/// A form post the framework refuses before any page runs (no or a forged antiforgery token, a missing field) is
/// the client's mistake: answer its status (400) instead of re-running the error page, which cannot
/// itself answer a POST. The API has its own handler; this one covers pages and /Account endpoints.
/// </summary>
internal sealed class BadFormPostHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var status = exception switch
        {
            BadHttpRequestException bad => bad.StatusCode,
            AntiforgeryValidationException => StatusCodes.Status400BadRequest,
            _ => 0,
        };
        if (status == 0 || context.Response.HasStarted) return false;
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync("The request could not be read; reload the page and try again.", cancellationToken);
        return true;
    }
}
