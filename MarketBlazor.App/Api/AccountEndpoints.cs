using System.Security.Claims;
using MarketBlazor.App.Live;
using MarketBlazor.App.People;
using MarketBlazor.Data.Queries;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MarketBlazor.App.Api;

/// <summary>
/// Accounts: public names and net worth for anyone; balance, positions and trades only for the
/// owner's API key; <c>/api/me</c>, the key's owner and their account.
/// </summary>
internal static class AccountEndpoints
{
    private const int RecentTradesShown = 50;

    public static void MapAccountEndpoints(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Accounts");
        accounts.MapGet("/", ListAsync).AllowAnonymous();
        accounts.MapGet("/{id:int}", GetAsync).AllowAnonymous();

        api.MapGet("/me", MeAsync).WithTags("Accounts").RequireAuthorization(MarketPolicies.ApiClient);
    }

    private static async Task<Results<Ok<IEnumerable<PublicAccountResponse>>, ProblemHttpResult>> ListAsync(
        string? take, MarketReader reader, MarketBoard board, CancellationToken ct)
    {
        if (!QueryValues.TryParseOptional(take, 50, out var count) || count < 1 || count > MarketReader.MaxAccountsPerPage)
            return ApiProblems.BadRequest($"take must be between 1 and {MarketReader.MaxAccountsPerPage}.");
        var accounts = await reader.ListAccountsAsync(count, ct);
        return TypedResults.Ok(accounts.Select(a => PublicAccountResponse.From(a, board)));
    }

    /// <remarks>
    /// Public, so the API key is checked here rather than by a policy: a valid key for this account
    /// sees everything, anyone else (no key, another's key, a bad key) sees the public fields.
    /// </remarks>
    private static async Task<Results<Ok<PrivateAccountResponse>, Ok<PublicAccountResponse>, ProblemHttpResult>> GetAsync(
        int id, HttpContext http, MarketReader reader, MarketBoard board, CancellationToken ct)
    {
        if (await reader.GetAccountAsync(id, ct) is not { } account) return ApiProblems.NotFound($"Account {id} does not exist.");
        var caller = await http.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName);
        if (caller.Succeeded && Trader.From(caller.Principal)?.AccountId == id)
            return TypedResults.Ok(PrivateAccountResponse.From(account, await reader.RecentTradesOfAccountAsync(id, RecentTradesShown, ct), board));
        return TypedResults.Ok(PublicAccountResponse.From(account, board));
    }

    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> MeAsync(ClaimsPrincipal user, MarketReader reader, CancellationToken ct)
    {
        var trader = Trader.From(user) ?? throw new InvalidOperationException("The API client policy admits only principals with an account.");
        if (await reader.GetAccountAsync(trader.AccountId, ct) is not { } account)
            return ApiProblems.NotFound($"Account {trader.AccountId} does not exist.");
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        return TypedResults.Ok(MeResponse.From(trader, account, roles));
    }
}
