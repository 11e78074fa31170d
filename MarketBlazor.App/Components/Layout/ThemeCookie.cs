namespace MarketBlazor.App.Components.Layout;

/// <summary>
/// The light/dark choice lives in a cookie (not localStorage) so that the server reads it while
/// prerendering and the first HTML already carries the right palette: no light frame before dark.
/// Without a choice, the system preference arrives as a client hint, which the app asks Chromium
/// to send even on the first request (Critical-CH).
/// </summary>
public static class ThemeCookie
{
    public const string Name = "marketblazor-theme";
    public const string ColorSchemeHint = "Sec-CH-Prefers-Color-Scheme";

    public static ThemeMode Read(HttpContext context) => context.Request.Cookies[Name] switch
    {
        "dark" => ThemeMode.Dark,
        "light" => ThemeMode.Light,
        _ => context.Request.Headers[ColorSchemeHint].ToString().Trim('"') switch
        {
            "dark" => ThemeMode.Dark,
            "light" => ThemeMode.Light,
            _ => ThemeMode.Unknown,
        },
    };

    /// <summary>Asks for the colour-scheme hint on page responses; Critical-CH makes Chromium retry a first request without it.</summary>
    public static void AskForColorSchemeHint(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (HttpMethods.IsGet(context.Request.Method) && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal))
        {
            var headers = context.Response.Headers;
            headers["Accept-CH"] = ColorSchemeHint;
            headers["Critical-CH"] = ColorSchemeHint;
            headers.Append("Vary", ColorSchemeHint);
        }
        return next(context);
    });
}
