namespace MarketBlazor.Data.Insights;

/// <summary>One normalized statement as pg_stat_statements sums it up since the last reset (times in milliseconds).</summary>
public sealed record StatementStatistics(long QueryId, string Query, long Calls, double TotalMilliseconds, double MeanMilliseconds, long Rows);
