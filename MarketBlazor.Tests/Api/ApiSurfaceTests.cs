using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MarketBlazor.App.People;
using MarketBlazor.App.Protection;
using MarketBlazor.Data.Entities;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MarketBlazor.Tests.Api;

/// <summary>What every API endpoint and response promises: an explicit access rule, security headers, a documented bearer scheme.</summary>
public class ApiSurfaceTests(DatabaseFixture database) : ApiTest(database)
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Diagnostics:Enabled"] = "true" };

    [Fact]
    public void Every_api_openapi_and_diagnostics_endpoint_states_who_may_call_it()
    {
        var endpoints = AppServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } path && (path.StartsWith("/api") || path.StartsWith("/openapi") || path.StartsWith("/diagnostics/memory")))
            .ToList();

        Assert.True(endpoints.Count >= 9, $"only {endpoints.Count} endpoints found");
        var unruled = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetMetadata<IAuthorizeData>() is null)
            .Select(e => e.DisplayName).ToList();
        Assert.Empty(unruled);
    }

    [Fact]
    public async Task Diagnostics_are_for_an_admins_key_only()
    {
        var trader = await CallerAsync();
        var admin = await CallerAsync();
        await using (var scope = AppServices.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<MarketUser>>();
            await scope.ServiceProvider.GetRequiredService<UserAccounts>().MakeAdminAsync((await users.FindByIdAsync(admin.UserId))!);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.GetAsync("/diagnostics/memory")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await trader.Http.GetAsync("/diagnostics/memory")).StatusCode);
        Assert.True((await GetJsonAsync("/diagnostics/memory", admin.Http)).GetProperty("heapBytes").GetInt64() > 0);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/no-such-page")]
    [InlineData("/api/markets")]
    [InlineData("/api/nothing-here")]
    public async Task Pages_and_api_answers_carry_the_security_headers(string path)
    {
        var response = await Client.GetAsync(path);

        var policy = string.Join("", response.Headers.GetValues("Content-Security-Policy"));
        // Pages add the hash of the framework's import map to script-src; everything else is the policy as written.
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Regex.Replace(policy, " 'sha256-[^']+'", ""));
        Assert.Equal("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", string.Join("", response.Headers.GetValues("Referrer-Policy")));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS is for Production only");
    }

    [Fact]
    public async Task Every_inline_script_of_a_page_is_allowed_by_its_hash_and_there_are_no_inline_handlers()
    {
        var response = await Client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();
        var policy = string.Join("", response.Headers.GetValues("Content-Security-Policy"));

        var inline = Regex.Matches(html, @"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", RegexOptions.IgnoreCase | RegexOptions.Singleline).ToList();
        Assert.All(inline, script =>
        {
            var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script.Groups[1].Value)));
            Assert.Contains($"'sha256-{hash}'", policy);
        });
        Assert.DoesNotMatch(@"\son[a-z]+\s*=\s*""", html);
    }

    [Fact]
    public async Task The_openapi_document_is_public_and_documents_the_bearer_scheme_on_protected_operations()
    {
        var document = await GetJsonAsync("/openapi/v1.json");

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var paths = document.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/markets/{id}/orders").GetProperty("post").TryGetProperty("security", out var security));
        Assert.True(security[0].TryGetProperty("Bearer", out _));
        Assert.True(paths.GetProperty("/api/me").GetProperty("get").TryGetProperty("security", out _));
        Assert.False(paths.GetProperty("/api/markets").GetProperty("get").TryGetProperty("security", out _));
    }
}
