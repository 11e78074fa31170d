using System.Globalization;
using MarketBlazor.Data.Entities;

namespace MarketBlazor.App.Components.Shared;

/// <summary>
/// How numbers read on screen. Invariant culture on purpose: the server's culture is an accident
/// of the host, and the browser tests read these texts ("54.8%", "Bought 19.09 Yes for Ⓜ10.00 at 52.4%").
/// One notation: every price is a probability in percent, every amount of play money carries
/// <see cref="CurrencySymbol"/> (<see cref="Cash"/>, <see cref="SignedCash"/>).
/// </summary>
public static class Format
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>A price as a probability: 0.5476 → "54.8%".</summary>
    public static string Percent(decimal price) => (price * 100).ToString("0.0", Culture) + "%";

    /// <summary>A round axis level without a needless decimal: 0.25 → "25%", 0.125 → "12.5%".</summary>
    public static string AxisPercent(decimal level) => (level * 100).ToString("0.#", Culture) + "%";

    /// <summary>The size of a move in percentage points, unsigned (an arrow carries the direction): −0.048 → "4.8".</summary>
    public static string Points(decimal change) => Math.Abs(change * 100).ToString("0.0", Culture);

    /// <summary>The play-money unit (as Manifold's mana): never mistaken for real currency, one glyph wide.</summary>
    public const string CurrencySymbol = "Ⓜ";

    /// <summary>The bare number of an amount (tables whose header names the unit): 1234.5 → "1,234.50".</summary>
    public static string Money(decimal amount) => amount.ToString("N2", Culture);

    /// <summary>The bare number with its sign: "+5.00", "-5.00", "0.00".</summary>
    public static string SignedMoney(decimal amount) => amount.ToString("+#,##0.00;-#,##0.00;0.00", Culture);

    /// <summary>An amount of play money: 1234.5 → "Ⓜ1,234.50", −5 → "-Ⓜ5.00".</summary>
    public static string Cash(decimal amount) => (amount < 0 ? "-" : "") + CurrencySymbol + Money(Math.Abs(amount));

    /// <summary>A gain or loss of play money: "+Ⓜ5.00", "-Ⓜ5.00", "Ⓜ0.00".</summary>
    public static string SignedCash(decimal amount) => (amount > 0 ? "+" : amount < 0 ? "-" : "") + CurrencySymbol + Money(Math.Abs(amount));

    /// <summary>A return on cash put in, signed: 0.3214 → "+32.1%".</summary>
    public static string SignedPercent(decimal ratio) => (ratio * 100).ToString("+#,##0.0;-#,##0.0;0.0", Culture) + "%";

    public static string Shares(decimal shares) => shares.ToString("N2", Culture);

    public static string Volume(decimal volume) => volume.ToString("N0", Culture);

    /// <summary>
    /// A price per share, in the page's one notation (a probability, like every other price): 0.52381 → "52.4%".
    /// A share pays 1 if right, so 52.4% is also Ⓜ0.524 a share.
    /// </summary>
    public static string Price(decimal price) => Percent(price);

    /// <summary>Raw invariant digits for data attributes that tests parse back.</summary>
    public static string Raw(decimal value) => value.ToString(Culture);

    public static string Raw(long value) => value.ToString(Culture);

    public static string SideName(Side side) => side == Side.Yes ? "Yes" : "No";

    public static string Ago(DateTimeOffset at, DateTimeOffset now)
    {
        var elapsed = now - at;
        if (elapsed < TimeSpan.FromSeconds(5)) return "just now";
        if (elapsed < TimeSpan.FromMinutes(1)) return $"{(int)elapsed.TotalSeconds}s ago";
        if (elapsed < TimeSpan.FromHours(1)) return $"{(int)elapsed.TotalMinutes}m ago";
        if (elapsed < TimeSpan.FromDays(1)) return $"{(int)elapsed.TotalHours}h ago";
        return $"{(int)elapsed.TotalDays}d ago";
    }

    /// <summary>Time left until a market closes: "closes in 3d", "closed".</summary>
    public static string ClosesIn(DateTimeOffset closesAt, DateTimeOffset now)
    {
        var left = closesAt - now;
        if (left <= TimeSpan.Zero) return "closed";
        if (left < TimeSpan.FromHours(1)) return $"closes in {Math.Max(1, (int)left.TotalMinutes)}m";
        if (left < TimeSpan.FromDays(1)) return $"closes in {(int)left.TotalHours}h";
        return $"closes in {(int)left.TotalDays}d";
    }

    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", Culture);
}
