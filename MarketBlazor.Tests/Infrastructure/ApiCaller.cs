using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MarketBlazor.App.People;
using MarketBlazor.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MarketBlazor.Tests.Infrastructure;

/// <summary>A person as an API client sees themselves: their user, their one account, an API key and a client that sends it.</summary>
public sealed record ApiCaller(string UserId, int AccountId, int KeyId, string Key, HttpClient Http) : IDisposable
{
    /// <summary>Signs a person up the way the app does (<see cref="UserAccounts"/>), then gives them a key (<see cref="ApiKeys"/>).</summary>
    public static async Task<ApiCaller> CreateAsync(WebApplicationFactory<Program> app, string? name = null)
    {
        name ??= $"trader-{Guid.NewGuid():N}"[..20];
        string userId;
        int accountId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var (user, errors) = await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync($"{name}@example.test", null, name);
            Assert.True(user is not null, string.Join(" ", errors.Select(e => e.Description)));
            (userId, accountId) = (user.Id, user.Account!.Id);
        }
        var (key, listing) = await app.Services.GetRequiredService<ApiKeys>().CreateAsync(userId, "tests");
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return new ApiCaller(userId, accountId, listing.Id, key, http);
    }

    /// <summary>A key for an existing person, made straight in the database: for apps in other processes.</summary>
    public static async Task<string> KeyForAsync(IDbContextFactory<MarketDbContext> contexts, string userId)
    {
        var keys = new ApiKeys(contexts, Options.Create(new PeopleOptions()), TimeProvider.System, NullLogger<ApiKeys>.Instance);
        return (await keys.CreateAsync(userId, "tests")).Key;
    }

    /// <summary>Buys Yes for <paramref name="amount"/> at the price the API quotes first, as a trader with <paramref name="key"/> would.</summary>
    public static async Task<HttpResponseMessage> BuyYesAtQuoteAsync(HttpClient client, string key, int marketId, decimal amount)
    {
        var quote = await client.GetFromJsonAsync<JsonElement>($"/api/markets/{marketId}/quote?side=yes&action=buy&amount={amount}");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/markets/{marketId}/orders");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        request.Content = JsonContent.Create(new
        {
            side = "yes",
            action = "buy",
            amount,
            quotedPrice = quote.GetProperty("averagePrice").GetDecimal(),
            quotedSequence = quote.GetProperty("sequence").GetInt64(),
            slippage = 0.05,
        });
        return await client.SendAsync(request);
    }

    public void Dispose() => Http.Dispose();
}
