namespace MarketBlazor.Bench.Pgbench;

/// <summary>One statement EF Core sent, as sent: text and parameter values by name.</summary>
public sealed record CapturedCommand(string Text, IReadOnlyDictionary<string, object?> Parameters);
