using MarketBlazor.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MarketBlazor.Tests.Security;

/// <summary>
/// Every endpoint the app maps, read from its own routing table: each must carry an explicit
/// authorization rule (Authorize or AllowAnonymous) unless it is framework plumbing, and each must
/// appear in <see cref="AccessMatrix"/>, so a new endpoint without a rule, or without a row saying who
/// may call it, fails here.
/// </summary>
public sealed class EndpointInventoryTests(DatabaseFixture database, ITestOutputHelper output) : DatabaseTest(database)
{
    [Fact]
    public async Task Every_endpoint_has_an_authorization_rule_and_a_row_in_the_access_matrix()
    {
        await using var app = new MarketAppFactory(Database.ConnectionString);
        using var client = app.CreateClient();
        var endpoints = AppEndpoints.Of(app.Services);
        foreach (var endpoint in endpoints) output.WriteLine(endpoint.ToString());

        var withoutRule = endpoints.Where(e => !e.IsFramework && !e.HasRule).Select(e => e.Key).ToList();
        Assert.True(withoutRule.Count == 0, "Endpoints without an explicit [Authorize]/[AllowAnonymous] rule:\n" + string.Join("\n", withoutRule));

        var missing = endpoints.Select(e => e.Key).Where(key => !AccessMatrix.Rows.ContainsKey(key)).ToList();
        Assert.True(missing.Count == 0, "Endpoints missing from AccessMatrix.Rows (say who may call them):\n" + string.Join("\n", missing));

        var stale = AccessMatrix.Rows.Keys.Except(endpoints.Select(e => e.Key)).ToList();
        Assert.True(stale.Count == 0, "AccessMatrix rows for endpoints the app no longer maps:\n" + string.Join("\n", stale));
    }
}

/// <summary>One routable endpoint as the matrix names it: "METHOD /pattern".</summary>
internal sealed record AppEndpoint(string Method, string Pattern, bool HasRule, bool IsFramework)
{
    public string Key => $"{Method} {Pattern}";

    public override string ToString() => $"{Key}{(HasRule ? "" : " (no rule)")}{(IsFramework ? " (framework)" : "")}";
}

internal static class AppEndpoints
{
    /// <summary>Blazor's own hub and scripts: the circuit checks the user itself, and the matrix still lists them.</summary>
    private static readonly string[] FrameworkPrefixes = ["/_blazor", "/_framework"];

    /// <summary>MapStaticAssets' catch-all for files outside its manifest (static web assets of a non-published build).</summary>
    private const string StaticFileFallback = "/{**path:file}";

    public static IReadOnlyList<AppEndpoint> Of(IServiceProvider services)
    {
        var sources = services.GetRequiredService<EndpointDataSource>();
        return sources.Endpoints.OfType<RouteEndpoint>()
            .Where(e => !IsStaticAsset(e))
            .SelectMany(e =>
            {
                var pattern = "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');
                var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"];
                // A page answers GET and its own form POSTs under one rule: listed once, as GET.
                if (e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null) methods = ["GET"];
                var hasRule = e.Metadata.GetMetadata<IAllowAnonymous>() is not null || e.Metadata.GetMetadata<IAuthorizeData>() is not null;
                var framework = FrameworkPrefixes.Any(p => pattern.StartsWith(p, StringComparison.Ordinal)) || pattern == StaticFileFallback;
                return methods.Select(method => new AppEndpoint(method, pattern, hasRule, framework));
            })
            .DistinctBy(e => e.Key)
            .OrderBy(e => e.Pattern, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>MapStaticAssets' fingerprinted files (css, js, images): public by nature and numbered in the hundreds.</summary>
    private static bool IsStaticAsset(RouteEndpoint endpoint) =>
        endpoint.Metadata.Any(m => m.GetType().Name.Contains("StaticAsset", StringComparison.Ordinal)) ||
        (endpoint.DisplayName ?? "").Contains("static asset", StringComparison.OrdinalIgnoreCase);
}
