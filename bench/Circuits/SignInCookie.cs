using System.Net;
using System.Text.RegularExpressions;

namespace MarketBlazor.Bench.Circuits;

/// <summary>
/// Signs in through the app's real sign-in form and returns the resulting cookies as a Cookie
/// header, for page loads and circuits that must run as a signed-in person (the diagnostics pages
/// are an admin's).
/// </summary>
public static partial class SignInCookie
{
    public static async Task<string> GetAsync(Uri app, string email, string password, CancellationToken cancellationToken)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseProxy = false, AllowAutoRedirect = false }) { BaseAddress = app };
        var html = await http.GetStringAsync("/Account/Login", cancellationToken);
        var form = LoginForm().Match(html) is { Success: true } match ? match.Value : throw new InvalidOperationException("The sign-in page has no sign-in form.");
        var fields = new List<KeyValuePair<string, string>> { new("Input.Email", email), new("Input.Password", password) };
        foreach (Match hidden in HiddenInput().Matches(form))
            fields.Add(new(hidden.Groups["name"].Value, WebUtility.HtmlDecode(hidden.Groups["value"].Value)));
        using var response = await http.PostAsync("/Account/Login", new FormUrlEncodedContent(fields), cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Signing in as {email} answered {(int)response.StatusCode}, not a redirect.");
        return cookies.GetCookieHeader(app);
    }

    [GeneratedRegex("<form[^>]*>(?:(?!</form>).)*Input\\.Password.*?</form>", RegexOptions.Singleline)]
    private static partial Regex LoginForm();

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInput();
}
