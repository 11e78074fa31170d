using System.Net;
using MarketBlazor.App.People;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace MarketBlazor.App.Operations;

/// <summary>
/// Who may read <c>/metrics</c>: an admin (cookie or API key), or any caller on this machine (a
/// Prometheus or collector next to the app). Behind a reverse proxy on the same host every request
/// comes from loopback, so the proxy must not pass <c>/metrics</c> through (README, "Metrics").
/// </summary>
public static class ScrapeAccess
{
    public const string Policy = "metrics-scraper";

    public static void Configure(AuthorizationPolicyBuilder policy) => policy
        .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, ApiKeyAuthenticationHandler.SchemeName)
        .RequireAssertion(context => context.User.IsInRole(MarketRoles.Admin) || context.Resource is HttpContext http && FromLoopback(http));

    public static bool FromLoopback(HttpContext http) => http.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);
}
