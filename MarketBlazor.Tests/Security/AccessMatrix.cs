using System.Net.Http.Json;

namespace MarketBlazor.Tests.Security;

/// <summary>What the matrix's requests can refer to: rows created before the probes run.</summary>
internal sealed record MatrixWorld(int MarketId, string MarketSlug, int UserAccountId, Func<HttpContent> OrderForUserAccount);

/// <summary>
/// What each caller gets from one endpoint. Outcomes: a status code ("200", "401", …), "login"
/// (redirected to sign-in), "denied" (redirected to access denied), "redirect /path", or "-" when that caller is not
/// probed for a reason given in <see cref="Note"/>.
/// </summary>
internal sealed record Access(string Anonymous, string Guest, string User, string Other, string Admin)
{
    /// <summary>Browser endpoints are called with the cookie; API endpoints with the caller's key.</summary>
    public bool ViaApiKey { get; init; }

    public Func<MatrixWorld, string>? Path { get; init; }
    public Func<MatrixWorld, HttpContent?>? Body { get; init; }

    /// <summary>Why an endpoint is not probed over HTTP here (it is covered elsewhere).</summary>
    public string? Note { get; init; }

    public string For(Principal principal) => principal switch
    {
        Principal.Anonymous => Anonymous,
        Principal.Guest => Guest,
        Principal.User => User,
        Principal.Other => Other,
        _ => Admin,
    };

    public static Access Everyone(string outcome = "200") => new(outcome, outcome, outcome, outcome, outcome);
    public static Access SignedIn => new("login", "200", "200", "200", "200");
    public static Access AdminsOnly => new("login", "denied", "denied", "denied", "200");
    public static Access NotProbed(string why) => new("-", "-", "-", "-", "-") { Note = why };
}

/// <summary>
/// Every endpoint of the app and who may call it. <see cref="EndpointInventoryTests"/> fails when the
/// app maps an endpoint that has no row here; <see cref="AuthorizationMatrixTests"/> calls each row
/// as every kind of caller and checks the outcome.
/// </summary>
internal static class AccessMatrix
{
    private static string Market(MatrixWorld w) => w.MarketId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static readonly IReadOnlyDictionary<string, Access> Rows = new Dictionary<string, Access>
    {
        // Public pages: markets, prices, charts, feed, leaderboard.
        ["GET /"] = Access.Everyone(),
        ["GET /markets/{Slug}"] = Access.Everyone() with { Path = w => $"/markets/{w.MarketSlug}" },
        ["GET /leaderboard"] = Access.Everyone(),
        // Launching a market: members only (a guest has no e-mail to answer for it).
        ["GET /markets/new"] = new Access("login", "denied", "200", "200", "200"),
        ["GET /not-found"] = Access.Everyone(), // the page itself; unknown paths re-execute it with 404
        ["GET /Error"] = Access.Everyone(),

        // Signing up and in: open to everyone (a signed-in visitor may still look).
        ["GET /Account/Login"] = Access.Everyone(),
        ["GET /Account/Register"] = Access.Everyone(),
        ["GET /Account/ForgotPassword"] = Access.Everyone(),
        ["GET /Account/ForgotPasswordConfirmation"] = Access.Everyone(),
        ["GET /Account/ResetPassword"] = Access.Everyone("redirect /Account/InvalidPasswordReset"), // no reset code
        ["GET /Account/ResetPasswordConfirmation"] = Access.Everyone(),
        ["GET /Account/InvalidPasswordReset"] = Access.Everyone(),
        ["GET /Account/InvalidUser"] = Access.Everyone(),
        ["GET /Account/Lockout"] = Access.Everyone(),
        ["GET /Account/AccessDenied"] = Access.Everyone(),
        ["GET /Account/ConfirmEmail"] = Access.Everyone("redirect /"), // no user id or code
        ["GET /Account/ConfirmEmailChange"] = Access.Everyone("login"),
        // Form posts: a cross-site post has no antiforgery token and is refused before anything happens.
        ["POST /Account/Guest"] = Access.Everyone("400") with { Body = _ => ForeignForm() },
        ["POST /Account/Logout"] = Access.Everyone("400") with { Body = _ => ForeignForm() },
        ["POST /Account/PasskeyCreationOptions"] = new Access("login", "400", "400", "400", "400") with { Body = _ => ForeignForm() },
        ["POST /Account/PasskeyRequestOptions"] = Access.Everyone("400") with { Body = _ => ForeignForm() },

        // Managing your own sign-in.
        ["GET /Account/Manage"] = Access.SignedIn,
        ["GET /Account/Manage/ChangePassword"] = Access.SignedIn with { Guest = "redirect /Account/Manage/SetPassword" }, // a guest has no password yet
        ["GET /Account/Manage/Email"] = Access.SignedIn,
        ["GET /Account/Manage/Passkeys"] = Access.SignedIn,
        ["GET /Account/Manage/RenamePasskey/{Id}"] = new Access("login", "redirect /Account/Manage/Passkeys", "redirect /Account/Manage/Passkeys", "redirect /Account/Manage/Passkeys", "redirect /Account/Manage/Passkeys") with { Path = _ => "/Account/Manage/RenamePasskey/AAAA" },
        ["GET /Account/Manage/SetPassword"] = new Access("login", "200", "redirect /Account/Manage/ChangePassword", "redirect /Account/Manage/ChangePassword", "redirect /Account/Manage/ChangePassword"), // only a guest lacks a password

        // Private pages: only as yourself.
        ["GET /portfolio"] = Access.SignedIn,
        ["GET /api-keys"] = Access.SignedIn,

        // Outside Development the simulator and diagnostics are for admins.
        ["GET /simulator"] = Access.AdminsOnly,
        ["GET /diagnostics/live-ping"] = Access.AdminsOnly,
        ["GET /admin/insights"] = Access.AdminsOnly,

        // The JSON API: market data public, orders and private reads by API key only.
        ["GET /api/markets/"] = Access.Everyone() with { ViaApiKey = true },
        ["GET /api/markets/{id:int}"] = Access.Everyone() with { ViaApiKey = true, Path = w => $"/api/markets/{Market(w)}" },
        ["GET /api/markets/{id:int}/quote"] = Access.Everyone() with { ViaApiKey = true, Path = w => $"/api/markets/{Market(w)}/quote?side=yes&action=buy&amount=1" },
        ["GET /api/markets/{id:int}/trades"] = Access.Everyone() with { ViaApiKey = true, Path = w => $"/api/markets/{Market(w)}/trades" },
        ["POST /api/markets/{id:int}/orders"] = new Access("401", "403", "200", "403", "403")
        {
            ViaApiKey = true, Path = w => $"/api/markets/{Market(w)}/orders", Body = w => w.OrderForUserAccount(),
        },
        ["GET /api/me"] = new Access("401", "200", "200", "200", "200") { ViaApiKey = true },
        ["GET /api/accounts/"] = Access.Everyone() with { ViaApiKey = true },
        ["GET /api/accounts/{id:int}"] = Access.Everyone() with { ViaApiKey = true, Path = w => $"/api/accounts/{w.UserAccountId}" },
        // Launching markets: people who signed up, by API key; guests may trade but not launch.
        ["POST /api/markets/"] = new Access("401", "403", "201", "201", "201") { ViaApiKey = true, Body = _ => NewMarket() },
        // Ending the matrix's market (it has no creator): only an admin may, and does, close it and then cancel it.
        ["POST /api/markets/{id:int}/close"] = new Access("401", "403", "403", "403", "200") { ViaApiKey = true, Path = w => $"/api/markets/{Market(w)}/close" },
        ["POST /api/markets/{id:int}/resolve"] = new Access("401", "403", "403", "403", "200")
        {
            ViaApiKey = true, Path = w => $"/api/markets/{Market(w)}/resolve", Body = _ => Json(new { outcome = "na" }),
        },
        // Public event streams (AllowAnonymous): they never end by themselves, so they are exercised by Api/StreamingTests instead.
        ["GET /api/markets/{id:int}/stream"] = Access.NotProbed("Server-Sent Events, public; covered by StreamingTests (anonymous reads, 404, 400, 429)"),
        ["GET /api/stream"] = Access.NotProbed("Server-Sent Events, public; covered by StreamingTests (anonymous reads, 429)"),
        // Blazor's plumbing: the circuit hub authenticates the connection's cookie and every page checks its own rule.
        ["* /_blazor"] = Access.NotProbed("Blazor circuit hub; pages inside a circuit apply their own rules"),
        ["* /_blazor/negotiate"] = Access.NotProbed("Blazor circuit hub negotiation"),
        ["* /_blazor/disconnect/"] = Access.NotProbed("Blazor circuit teardown (needs the circuit's secret)"),
        ["* /_blazor/initializers/"] = Access.NotProbed("Blazor's list of JS initializers"),
        ["GET /_framework/opaque-redirect"] = Access.NotProbed("Blazor's redirect helper for enhanced navigation"),

        // Operations: health for load balancers (anonymous); the Prometheus scrape for admins and loopback callers,
        // refused with a plain status (TestServer has no remote address: nobody here is on loopback).
        ["* /health/live"] = Access.Everyone(),
        ["* /health/ready"] = Access.NotProbed("anonymous, its status follows the database; covered by Operations/HealthTests"),
        ["* /metrics"] = new("401", "403", "403", "403", "200"),

        ["GET /openapi/{documentName}.json"] = Access.Everyone() with { Path = _ => "/openapi/v1.json" },
    };

    public static HttpContent Json(object body) => JsonContent.Create(body);

    private static HttpContent NewMarket() => Json(new
    {
        question = "Will the access matrix launch this market?",
        category = "Testing",
        closesAt = DateTimeOffset.UtcNow.AddDays(7),
        initialProbability = 0.5,
        liquidity = 50,
    });

    /// <summary>What another site's form would send: fields, but no antiforgery token.</summary>
    private static HttpContent ForeignForm() => new FormUrlEncodedContent([new("returnUrl", "/"), new("provider", "x")]);
}
