using System.Net;
using MarketBlazor.Data.Entities;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MarketBlazor.Tests.Security;

/// <summary>
/// Calls every row of <see cref="AccessMatrix"/> as an anonymous visitor, a guest, a user, another
/// user and an admin (cookies from the real sign-in form, keys from the real key service) and checks
/// each outcome. The order row places an order for the user's account: only the user may.
/// </summary>
public sealed class AuthorizationMatrixTests(DatabaseFixture database, ITestOutputHelper output) : DatabaseTest(database)
{
    [Fact]
    public async Task Every_caller_gets_exactly_what_the_matrix_says_from_every_endpoint()
    {
        var market = await Data.MarketAsync();
        await using var app = new MarketAppFactory(Database.ConnectionString);
        using var warmUp = app.CreateClient();
        var callers = new Dictionary<Principal, Caller>();
        foreach (var principal in Enum.GetValues<Principal>()) callers[principal] = await Caller.CreateAsync(app, principal);
        var world = new MatrixWorld(market.Id, market.Slug, callers[Principal.User].AccountId!.Value, () => AccessMatrix.Json(new
        {
            accountId = callers[Principal.User].AccountId, side = "yes", action = "buy", amount = 1, quotedPrice = 0.5, quotedSequence = 0, slippage = 0.5,
        }));

        var failures = new List<string>();
        foreach (var (key, access) in AccessMatrix.Rows.Where(r => r.Value.Note is null))
        {
            var method = new HttpMethod(key[..key.IndexOf(' ')]);
            var path = access.Path?.Invoke(world) ?? key[(key.IndexOf(' ') + 1)..];
            foreach (var principal in Enum.GetValues<Principal>())
            {
                var expected = access.For(principal);
                if (expected == "-") continue;
                var caller = callers[principal];
                using var request = new HttpRequestMessage(method, path) { Content = access.Body?.Invoke(world) };
                using var response = await (access.ViaApiKey ? caller.Api : caller.Browser).SendAsync(request);
                var actual = Outcome(response);
                output.WriteLine($"{principal,-9} {key,-40} {actual}");
                if (actual != expected) failures.Add($"{principal} {method} {path}: expected {expected}, got {actual}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // The only order that may fill is the user's own; nobody else's attempt wrote anything.
        await using var db = await Database.Contexts.CreateDbContextAsync();
        Assert.Equal([callers[Principal.User].AccountId!.Value], db.Trades.Select(t => t.AccountId).ToList());
        foreach (var caller in callers.Values) caller.Dispose();
    }

    private static string Outcome(HttpResponseMessage response)
    {
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found)
        {
            var location = response.Headers.Location?.ToString() ?? "";
            if (location.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase)) return "login";
            if (location.Contains("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase)) return "denied";
            return $"redirect {(Uri.TryCreate(location, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : location)}";
        }
        return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
