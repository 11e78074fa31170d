using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace MarketBlazor.App.Protection;

/// <summary>
/// Headers every response carries. The policy allows only this origin's scripts (no inline script,
/// no eval); MudBlazor sets inline styles, hence style-src 'unsafe-inline'. connect-src 'self' covers
/// the Blazor circuit's WebSocket to the same host.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>
    /// `dotnet watch` injects a browser-refresh script that talks to the watcher over a WebSocket on
    /// its own localhost port; Development allows that connection, nothing else changes.
    /// </summary>
    private const string DevelopmentConnections = "connect-src 'self' ws://localhost:* wss://localhost:*";

    private static readonly ConditionalWeakTable<ImportMapDefinition, string> PoliciesWithImportMap = [];

    public static void UseSecurityHeaders(this IApplicationBuilder app, bool development) => app.Use((context, next) =>
    {
        // Set as the response starts, so that answers rebuilt after an exception (which clears headers) carry them too.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var policy = PolicyFor(context.GetEndpoint());
            headers.ContentSecurityPolicy = development ? policy.Replace("connect-src 'self'", DevelopmentConnections) : policy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>
    /// A page's one inline script is the framework's import map (the &lt;ImportMap /&gt; component
    /// writes the endpoint's definition as JSON into a script element), which script-src 'self'
    /// would block; it is allowed by its SHA-256 and nothing else inline is.
    /// </summary>
    private static string PolicyFor(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<ImportMapDefinition>() is { } importMap
            ? PoliciesWithImportMap.GetValue(importMap, map => ContentSecurityPolicy.Replace(
                "script-src 'self';", $"script-src 'self' 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(map.ToString())))}';"))
            : ContentSecurityPolicy;
}
