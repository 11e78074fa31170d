namespace MarketBlazor.Data.Insights;

/// <summary>The top statements, or why there are none to show.</summary>
/// <param name="Available">False when the server has no pg_stat_statements (not installed, or not preloaded).</param>
public sealed record StatementReport(bool Available, IReadOnlyList<StatementStatistics> Statements)
{
    public static readonly StatementReport Unavailable = new(false, []);
}
