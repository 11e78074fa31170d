namespace MarketBlazor.Data.Insights;

public enum SuggestionKind
{
    /// <summary>Most reads of a sizeable table scan it whole: a statement probably lacks an index.</summary>
    SequentialScans,

    /// <summary>An index nobody has used since the statistics were reset: it costs every write and helps no read.</summary>
    UnusedIndex,
}
