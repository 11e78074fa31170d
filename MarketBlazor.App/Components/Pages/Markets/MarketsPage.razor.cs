using MarketBlazor.App.Live;
using MarketBlazor.App.People;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MarketBlazor.App.Components.Pages.Markets;

public partial class MarketsPage
{
    private static readonly BoardStatus[] Statuses = Enum.GetValues<BoardStatus>();
    private static readonly MarkupString AddIcon = new(Icons.Material.Filled.Add);
    private static readonly MarkupString SearchIcon = new(Icons.Material.Filled.Search);

    /// <summary>
    /// The queries this page wrote to the URL whose location change has not come back yet. A change
    /// that comes back is this page's own echo and must not undo what was typed since; any other
    /// URL (a link, back/forward) replaces the board's state.
    /// </summary>
    private readonly List<BoardQuery> unechoed = [];

    private BoardQuery query = BoardQuery.Default;
    private bool loaded;
    private LiveFeed? feed;
    private Trader? trader;
    private BoardTable? table;
    private IReadOnlyList<string> categories = [];

    [Inject] private MarketBoard Board { get; set; } = null!;

    [Inject] private MarketBroadcaster Broadcaster { get; set; } = null!;

    [Inject] private TimeProvider Clock { get; set; } = null!;

    [Inject] private CurrentTrader Traders { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [SupplyParameterFromQuery(Name = BoardQuery.SearchKey)] public string? SearchParameter { get; set; }

    [SupplyParameterFromQuery(Name = BoardQuery.CategoryKey)] public string? CategoryParameter { get; set; }

    [SupplyParameterFromQuery(Name = BoardQuery.SortKey)] public string? SortParameter { get; set; }

    [SupplyParameterFromQuery(Name = BoardQuery.StatusKey)] public string? StatusParameter { get; set; }

    protected override void OnInitialized()
    {
        feed = LiveFeed.Start(Broadcaster, async (changes, resync) =>
        {
            // Trades only move rows: the table re-renders alone. A launch, close or resolution can change
            // which categories (or whether any market) the chosen status has: then the toolbar too.
            await InvokeAsync(() =>
            {
                table?.Show(changes);
                if ((resync || changes.Any(c => c.Trade is null)) && !Categories().SequenceEqual(categories)) StateHasChanged();
            });
        }, DispatchExceptionAsync);
    }

    protected override async Task OnInitializedAsync()
    {
        trader = await Traders.GetAsync();
        await Board.Loaded;
        loaded = true;
    }

    protected override void OnParametersSet()
    {
        var fromUrl = BoardQuery.Parse(SearchParameter, CategoryParameter, SortParameter, StatusParameter);
        var echo = unechoed.IndexOf(fromUrl);
        if (echo >= 0)
        {
            unechoed.RemoveRange(0, echo + 1);
            return;
        }
        unechoed.Clear();
        if (fromUrl != query.AsInUrl()) query = fromUrl;
    }

    private void SearchChanged(ChangeEventArgs e) => Show(query with { Search = e.Value as string ?? "" });

    private void SortChanged(ChangeEventArgs e) => Show(query with { Sort = BoardQuery.Parse(null, null, e.Value as string, null).Sort });

    private void CategoryChanged(string category) => Show(query with { Category = category });

    /// <summary>Another status has other categories: the category filter starts over.</summary>
    private void StatusChanged(BoardStatus status) => Show(query with { Status = status, Category = "" });

    /// <summary>Shows the board for <paramref name="next"/> at once and records it in the URL, replacing the history entry so that typing adds none.</summary>
    private void Show(BoardQuery next)
    {
        var before = query.AsInUrl();
        query = next;
        var inUrl = next.AsInUrl();
        if (inUrl == before) return;
        unechoed.Add(inUrl);
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(next.ToQueryParameters()), replace: true);
    }

    private static string Pressed(bool pressed) => pressed ? "true" : "false";

    /// <summary>The categories of the markets with the chosen status; none when there is no such market.</summary>
    private IReadOnlyList<string> Categories()
    {
        var now = Clock.GetUtcNow();
        return Board.Entries().Where(m => BoardStatuses.Of(m.Snapshot, now) == query.Status).Select(m => m.Snapshot.Category).Distinct().Order().ToList();
    }

    public void Dispose() => feed?.Dispose();
}
