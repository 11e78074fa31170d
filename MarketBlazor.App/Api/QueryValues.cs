using System.Globalization;

namespace MarketBlazor.App.Api;

internal static class QueryValues
{
    /// <summary>Parses an optional query value; absent means <paramref name="fallback"/>, unparseable means false.</summary>
    public static bool TryParseOptional<T>(string? text, T fallback, out T value) where T : IParsable<T>
    {
        if (string.IsNullOrEmpty(text))
        {
            value = fallback;
            return true;
        }
        return T.TryParse(text, CultureInfo.InvariantCulture, out value!);
    }
}
