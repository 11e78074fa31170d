namespace MarketBlazor.Data.Insights;

/// <summary>What the statistics suggest about a table's indexes, the way PlanetScale Insights suggests them.</summary>
/// <param name="Table">The table concerned.</param>
/// <param name="Index">The index concerned, for an unused index; null for a table read by sequential scans.</param>
/// <param name="Advice">The suggestion in words, with the numbers behind it.</param>
/// <param name="Statement">For a scanned table: the costliest statement that reads it, where pg_stat_statements knows one.</param>
public sealed record IndexSuggestion(SuggestionKind Kind, string Table, string? Index, string Advice, string? Statement = null);
