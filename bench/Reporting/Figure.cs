namespace MarketBlazor.Bench.Reporting;

/// <summary>One machine-readable result, printed last as <c>name=value</c>.</summary>
public sealed record Figure(string Name, double Value)
{
    public override string ToString() => $"{Name}={Format(Value)}";

    public static string Format(double value) =>
        double.IsFinite(value) ? Math.Round(value, 3).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) : "NaN";
}
