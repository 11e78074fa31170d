using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Diagnostics;

namespace MarketBlazor.App.Operations;

/// <summary>
/// A refused scrape is a plain 401 or 403: a scraper follows redirects, and the sign-in page would
/// reach it as a 200 full of HTML. Every other endpoint keeps the default (sign-in and access-denied redirects).
/// </summary>
internal sealed class ScrapeDenial : IAuthorizationMiddlewareResultHandler
{
    /// <summary>Marks an endpoint whose refusals are plain status codes.</summary>
    public sealed class PlainStatus;

    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded || context.GetEndpoint()?.Metadata.GetMetadata<PlainStatus>() is null)
        {
            await fallback.HandleAsync(next, context, policy, authorizeResult);
            return;
        }
        context.Response.StatusCode = authorizeResult.Challenged ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
        // Not the UI's not-found page: a scraper reads the status and this line.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages) statusPages.Enabled = false;
        await context.Response.WriteAsync("Metrics are served to admins and to callers on this machine only.");
    }
}
