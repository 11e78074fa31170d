using System.Globalization;

namespace MarketBlazor.App.Components.Shared;

/// <summary>
/// Reads an amount typed into the ticket. The app has no localization, so a number is written the
/// invariant way (a point for decimals). A comma, apostrophe or space could be a decimal mark in one
/// culture and a thousands separator in another ("10,5" is 10.5 in Berlin and 105 in a parser that
/// skips group separators), so such input is refused with a message instead of guessed at.
/// </summary>
public static class AmountText
{
    public const string NotANumber = "Enter a number, like 10 or 2.5.";

    public const string Ambiguous = "Write decimals with a point and no thousands separators, like 10.5 or 1500.";

    private static readonly char[] Separators = [',', '\'', '’', ' ', '\u00A0', '\u202F', '_', '٫', '٬'];

    /// <summary>The amount in <paramref name="text"/>, or why it is not one (exactly one of the two is set).</summary>
    public static (decimal? Amount, string? Problem) Parse(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0) return (null, NotANumber);
        if (trimmed.IndexOfAny(Separators) >= 0) return (null, Ambiguous);
        return decimal.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            ? (amount, null)
            : (null, NotANumber);
    }
}
