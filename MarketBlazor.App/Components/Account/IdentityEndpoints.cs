using System.Security.Claims;
using MarketBlazor.App.People;
using MarketBlazor.Data.Entities;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace MarketBlazor.App.Components.Account;

/// <summary>
/// The POST endpoints the static account pages and the app bar post to (from the .NET template's
/// IdentityComponentsEndpointRouteBuilderExtensions), plus "Try it now". Each names its authorization rule.
/// </summary>
public static class IdentityEndpoints
{
    /// <summary>The rate limiting policy (defined with the API's limits) that caps registrations and guests per client.</summary>
    public const string SignUpsPolicy = "sign-ups";

    public static IEndpointConventionBuilder MapIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/Account");

        account.MapPost("/Logout", async (
            ClaimsPrincipal principal,
            [FromServices] UserManager<MarketUser> users,
            [FromServices] SignInManager<MarketUser> signIn,
            [FromServices] SignOutSignal signOuts,
            [FromForm] string? returnUrl) =>
        {
            if (await users.GetUserAsync(principal) is { } user)
            {
                // A new security stamp makes every copy of this cookie invalid, so circuits on other
                // instances drop the user at their next revalidation; the signal drops this instance's at once.
                await users.UpdateSecurityStampAsync(user);
                signOuts.Raise(user.Id);
            }
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect(LocalPath(returnUrl));
        }).AllowAnonymous();

        account.MapPost("/Guest", async (
            [FromServices] UserAccounts accounts,
            [FromServices] SignInManager<MarketUser> signIn,
            [FromForm] string? returnUrl) =>
        {
            var guest = await accounts.CreateGuestAsync();
            // Persistent: a guest has no other way back to its account than this cookie.
            await signIn.SignInAsync(guest, isPersistent: true);
            return TypedResults.LocalRedirect(LocalPath(returnUrl));
        }).AllowAnonymous().RequireRateLimiting(SignUpsPolicy);

        account.MapPost("/PasskeyCreationOptions", async (
            HttpContext context,
            [FromServices] UserManager<MarketUser> users,
            [FromServices] SignInManager<MarketUser> signIn,
            [FromServices] IAntiforgery antiforgery) =>
        {
            await antiforgery.ValidateRequestAsync(context);
            var user = await users.GetUserAsync(context.User);
            if (user is null) return Results.NotFound($"Unable to load user with ID '{users.GetUserId(context.User)}'.");

            var userName = await users.GetUserNameAsync(user) ?? "User";
            var optionsJson = await signIn.MakePasskeyCreationOptionsAsync(new()
            {
                Id = await users.GetUserIdAsync(user),
                Name = userName,
                DisplayName = user.DisplayName,
            });
            return TypedResults.Content(optionsJson, contentType: "application/json");
        }).RequireAuthorization();

        account.MapPost("/PasskeyRequestOptions", async (
            HttpContext context,
            [FromServices] UserManager<MarketUser> users,
            [FromServices] SignInManager<MarketUser> signIn,
            [FromServices] IAntiforgery antiforgery,
            [FromQuery] string? username) =>
        {
            await antiforgery.ValidateRequestAsync(context);
            var user = string.IsNullOrEmpty(username) ? null : await users.FindByNameAsync(username);
            var optionsJson = await signIn.MakePasskeyRequestOptionsAsync(user);
            return TypedResults.Content(optionsJson, contentType: "application/json");
        }).AllowAnonymous();

        return account;
    }

    /// <summary>A return address on this site: "markets/x" or "/markets/x" → "~/markets/x"; anything else becomes the home page's path.</summary>
    public static string LocalPath(string? returnUrl)
    {
        var path = (returnUrl ?? "").TrimStart('/', '\\');
        return Uri.IsWellFormedUriString(path, UriKind.Relative) && !path.Contains("://", StringComparison.Ordinal) ? "~/" + path : "~/";
    }
}
