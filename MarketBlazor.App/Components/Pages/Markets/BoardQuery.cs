namespace MarketBlazor.App.Components.Pages.Markets;

/// <summary>
/// What the board shows, as it travels in the URL (<c>/?q=rain&amp;category=Weather&amp;sort=movers&amp;status=closed</c>),
/// so that a reload or a shared link opens the same board. A value the board does not know
/// (a stale link, a typo) falls back to its default rather than failing the page; defaults stay
/// out of the URL, so the plain board keeps its plain address.
/// </summary>
public sealed record BoardQuery(string Search, string Category, BoardSort Sort, BoardStatus Status)
{
    public const string SearchKey = "q";
    public const string CategoryKey = "category";
    public const string SortKey = "sort";
    public const string StatusKey = "status";

    /// <summary>The longest search kept from a URL: more is no question's text, only a heavier filter.</summary>
    public const int MaxSearchLength = 200;

    public static readonly BoardQuery Default = new("", "", BoardSort.Volume, BoardStatus.Open);

    private static readonly (BoardSort Sort, string Name)[] SortNames =
    [
        (BoardSort.Volume, "volume"),
        (BoardSort.BiggestMovers, "movers"),
        (BoardSort.ClosingSoon, "closing"),
    ];

    private static readonly (BoardStatus Status, string Name)[] StatusNames =
    [
        (BoardStatus.Open, "open"),
        (BoardStatus.Closed, "closed"),
        (BoardStatus.Resolved, "resolved"),
    ];

    public static BoardQuery Parse(string? search, string? category, string? sort, string? status)
    {
        var text = (search ?? "").Trim();
        return new BoardQuery(
            text.Length > MaxSearchLength ? text[..MaxSearchLength] : text,
            (category ?? "").Trim(),
            SortNames.FirstOrDefault(s => string.Equals(s.Name, sort, StringComparison.OrdinalIgnoreCase), SortNames[0]).Sort,
            StatusNames.FirstOrDefault(s => string.Equals(s.Name, status, StringComparison.OrdinalIgnoreCase), StatusNames[0]).Status);
    }

    /// <summary>For <c>NavigationManager.GetUriWithQueryParameters</c>: a null removes its key, so defaults leave the URL.</summary>
    public IReadOnlyDictionary<string, object?> ToQueryParameters() => new Dictionary<string, object?>
    {
        [SearchKey] = Search.Trim() is { Length: > 0 } text ? text : null,
        [CategoryKey] = Category.Length > 0 ? Category : null,
        [SortKey] = Sort == Default.Sort ? null : NameOf(Sort),
        [StatusKey] = Status == Default.Status ? null : NameOf(Status),
    };

    /// <summary>This query as it reads back from the URL it writes (the search trimmed and capped).</summary>
    public BoardQuery AsInUrl() => Parse(Search, Category, NameOf(Sort), NameOf(Status));

    public static string NameOf(BoardSort sort) => SortNames.First(s => s.Sort == sort).Name;

    public static string NameOf(BoardStatus status) => StatusNames.First(s => s.Status == status).Name;
}
