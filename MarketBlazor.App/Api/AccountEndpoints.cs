using MarketBlazor.Data.Queries;

namespace MarketBlazor.App.Api;

internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Accounts");

        accounts.MapGet("/", async (string? take, MarketReader reader, CancellationToken ct) =>
        {
            if (!QueryValues.TryParseOptional(take, 50, out var count) || count < 1 || count > MarketReader.MaxAccountsPerPage)
                return ApiProblems.BadRequest($"take must be between 1 and {MarketReader.MaxAccountsPerPage}.");
            return Results.Ok(await reader.ListAccountsAsync(count, ct));
        });

        accounts.MapGet("/{id:int}", async (int id, MarketReader reader, CancellationToken ct) =>
            await reader.GetAccountAsync(id, ct) is { } account
                ? Results.Ok(account)
                : ApiProblems.NotFound($"Account {id} does not exist."));
    }
}
