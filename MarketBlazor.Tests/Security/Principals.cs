using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using MarketBlazor.App.People;
using MarketBlazor.Data.Entities;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MarketBlazor.Tests.Security;

public enum Principal { Anonymous, Guest, User, Other, Admin }

/// <summary>
/// One caller of the matrix: a browser (cookie from the real sign-in form, or "Try it now" for the
/// guest) and an API client (its own personal key), plus the account it owns.
/// </summary>
internal sealed class Caller(Principal principal, HttpClient browser, HttpClient api, int? accountId) : IDisposable
{
    public Principal Principal { get; } = principal;
    public HttpClient Browser { get; } = browser;
    public HttpClient Api { get; } = api;
    public int? AccountId { get; } = accountId;

    public const string Password = "Matrix-Password-1";

    public static async Task<Caller> CreateAsync(MarketAppFactory app, Principal principal)
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var api = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (principal == Principal.Anonymous) return new Caller(principal, browser, api, null);

        await using var scope = app.Services.CreateAsyncScope();
        var people = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        MarketUser user;
        if (principal == Principal.Guest)
        {
            await PostFormAsync(browser, "/", "/Account/Guest", []);
            using var db = app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Data.MarketDbContext>>().CreateDbContext();
            user = db.Users.Single(u => u.IsGuest);
            user.Account = db.Accounts.Single(a => a.UserId == user.Id);
        }
        else
        {
            var email = $"{principal.ToString().ToLowerInvariant()}@matrix.test";
            var (created, errors) = await people.CreateAsync(email, Password, principal.ToString());
            user = created ?? throw new InvalidOperationException(string.Join(" ", errors.Select(e => e.Description)));
            if (principal == Principal.Admin) await people.MakeAdminAsync(user);
            await SignInAsync(browser, email, Password);
        }

        var (key, _) = await app.Services.GetRequiredService<ApiKeys>().CreateAsync(user.Id, "matrix");
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return new Caller(principal, browser, api, user.Account!.Id);
    }

    /// <summary>The real sign-in form: antiforgery token and hidden fields from the page, then the post.</summary>
    public static async Task SignInAsync(HttpClient browser, string email, string password)
    {
        var response = await PostFormAsync(browser, "/Account/Login", "/Account/Login",
            [new("Input.Email", email), new("Input.Password", password)], formContaining: "Input.Password");
        if (response.StatusCode != HttpStatusCode.Redirect || !response.Headers.Contains("Set-Cookie"))
            throw new InvalidOperationException($"Sign-in as {email} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}"[..300]);
    }

    /// <summary>GETs <paramref name="page"/>, takes the hidden fields of its form (antiforgery, handler) and posts them with <paramref name="fields"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string page, string action,
        List<KeyValuePair<string, string>> fields, string? formContaining = null)
    {
        var html = await browser.GetStringAsync(page);
        var forms = Regex.Matches(html, "<form[^>]*>.*?</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase).Select(m => m.Value);
        var form = forms.FirstOrDefault(f => formContaining is null ? f.Contains(action.TrimStart('/'), StringComparison.OrdinalIgnoreCase) : f.Contains(formContaining, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No form for {action} on {page}.");
        foreach (Match hidden in Regex.Matches(form, "<input[^>]*type=\"hidden\"[^>]*>", RegexOptions.IgnoreCase))
        {
            var name = Regex.Match(hidden.Value, "name=\"([^\"]+)\"").Groups[1].Value;
            var value = WebUtility.HtmlDecode(Regex.Match(hidden.Value, "value=\"([^\"]*)\"").Groups[1].Value);
            if (name.Length > 0 && fields.All(f => f.Key != name)) fields.Add(new(name, value));
        }
        return await browser.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    public void Dispose()
    {
        Browser.Dispose();
        Api.Dispose();
    }
}
