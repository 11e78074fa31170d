using System.Globalization;
using System.Text;

namespace MarketBlazor.Data.Lifecycle;

/// <summary>A market's readable address, from its question: shared by launched and seeded markets.</summary>
public static class MarketSlug
{
    public const int MaxLength = 100;

    /// <summary>Lowercase ASCII letters and digits joined by single hyphens, cut at a word boundary.</summary>
    public static string From(string text)
    {
        var slug = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c)) slug.Append(char.ToLowerInvariant(c));
            else if (IsSeparator(c) && slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        var result = slug.ToString().TrimEnd('-');
        if (result.Length <= MaxLength) return result;
        var cut = result.LastIndexOf('-', MaxLength);
        return cut > 0 ? result[..cut] : result[..MaxLength];
    }

    // Accents (split off by FormD) and apostrophes vanish: "Alzheimer's" → "alzheimers", not "alzheimer-s".
    private static bool IsSeparator(char c) =>
        c is not ('\'' or '\u2019') && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark;
}
