using System.Globalization;

namespace MarketBlazor.Bench.Reporting;

/// <summary>How numbers read in the tables: rates without decimals, milliseconds to one, shares as percentages.</summary>
public static class Cells
{
    public static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture);

    public static string Ms(double milliseconds) => milliseconds.ToString(milliseconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

    public static string Percent(double fraction) => fraction.ToString("0.0%", CultureInfo.InvariantCulture);

    public static string Ratio(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    public static string Count(double count) => count.ToString("N0", CultureInfo.InvariantCulture);

    public static string Kb(double bytes) => (bytes / 1024).ToString("N0", CultureInfo.InvariantCulture);

    public static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>"met" or "NOT met", for the goal lines.</summary>
    public static string Met(bool met) => met ? "met" : "NOT met";
}
