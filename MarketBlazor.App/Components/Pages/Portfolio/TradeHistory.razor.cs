using MarketBlazor.App.Live;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Queries;
using Microsoft.AspNetCore.Components;

namespace MarketBlazor.App.Components.Pages.Portfolio;

public sealed partial class TradeHistory
{
    private const string Any = "any";

    [Parameter, EditorRequired] public int AccountId { get; set; }

    /// <summary>Raised by the page when this account traded (or the feed resynced): the shown page is read again.</summary>
    [Parameter] public long Revision { get; set; }

    [Parameter] public DateTimeOffset Now { get; set; }

    [Inject] private TradeHistoryReader Reader { get; set; } = default!;
    [Inject] private MarketBoard Board { get; set; } = default!;
    [Inject] private ILogger<TradeHistory> Logger { get; set; } = default!;

    private string? marketText;
    private string sideKey = Any;
    private string actionKey = Any;
    private int page = 1;
    private TradeHistoryPage? shown;
    private bool failed;
    private string? problem;
    /// <summary>Which load's answer may be shown: a slower, older one must not overwrite a newer filter's page.</summary>
    private int latestLoad;
    private (int AccountId, long Revision)? loadedFor;

    private TradeHistoryFilter Filter => new(
        string.IsNullOrWhiteSpace(marketText) ? null : marketText.Trim(),
        Enum.TryParse<Side>(sideKey, out var side) ? side : null,
        Enum.TryParse<TradeAction>(actionKey, out var action) ? action : null);

    protected override async Task OnParametersSetAsync()
    {
        if (loadedFor == (AccountId, Revision)) return;
        if (loadedFor?.AccountId != AccountId) page = 1;
        loadedFor = (AccountId, Revision);
        await LoadAsync();
    }

    private Task MarketTextChanged(string? text)
    {
        marketText = text;
        page = 1;
        return LoadAsync();
    }

    private Task SideChanged(string key)
    {
        sideKey = key;
        page = 1;
        return LoadAsync();
    }

    private Task ActionChanged(string key)
    {
        actionKey = key;
        page = 1;
        return LoadAsync();
    }

    private Task PageChanged(int selected)
    {
        page = selected;
        return LoadAsync();
    }

    private async Task LoadAsync()
    {
        var load = ++latestLoad;
        var accountId = AccountId;
        try
        {
            var loaded = await Reader.PageAsync(accountId, Filter, page);
            if (load != latestLoad) return;
            shown = loaded;
            // A page past the end (the filter shrank the history) shows the last one, and the pager says so.
            page = loaded.Page;
            failed = false;
            problem = null;
        }
        catch (ArgumentException e)
        {
            if (load != latestLoad) return;
            problem = e.Message;
        }
        catch (Exception e)
        {
            // The page shows plain words; the reason belongs in the log.
            Logger.LogError(e, "Trade history of account {AccountId} could not be loaded", accountId);
            if (load != latestLoad) return;
            failed = true;
        }
    }
}
