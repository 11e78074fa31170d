using MarketBlazor.App.Components.Shared;
using MarketBlazor.App.Live;
using MarketBlazor.App.People;
using Microsoft.AspNetCore.Components;

namespace MarketBlazor.App.Components.Pages.Leaderboard;

public partial class LeaderboardPage
{
    private const int Shown = 50;

    [Inject] private MarketBoard Board { get; set; } = null!;
    [Inject] private MarketBroadcaster Broadcaster { get; set; } = null!;
    [Inject] private CurrentTrader Traders { get; set; } = null!;
    [Inject] private PeriodLeaderboard Periods { get; set; } = null!;
    [Inject] private ILogger<LeaderboardPage> Logger { get; set; } = null!;

    private LeaderboardPeriod period = LeaderboardPeriod.AllTime;
    private IReadOnlyList<LeaderboardEntry>? entries;
    private bool failed;
    private bool peopleOnly;
    private LiveFeed? feed;
    private Trader? trader;
    private CircuitWork work = null!;

    protected override void OnInitialized()
    {
        work = new CircuitWork(InvokeAsync, DispatchExceptionAsync);
        Traders.Changed += OnTraderChanged;
        // Any trade moves a price and so someone's net worth or profit: every batch is worth one
        // ranking (a profit period reads the database at most once per PeriodLeaderboard.CacheFor).
        feed = LiveFeed.Start(Broadcaster, async (changes, resync) => await InvokeAsync(RankAsync), DispatchExceptionAsync);
    }

    protected override async Task OnInitializedAsync()
    {
        trader = await Traders.GetAsync();
        await Board.Loaded;
        await RankAsync();
    }

    private async Task PeriodChanged(LeaderboardPeriod chosen)
    {
        period = chosen;
        entries = null;
        await RankAsync();
    }

    private async Task RankAsync()
    {
        var asked = period;
        try
        {
            var ranked = await Periods.RankAsync(asked);
            if (asked != period) return; // another period was picked meanwhile; its own ranking follows
            entries = ranked;
            failed = false;
        }
        catch (Exception e)
        {
            // A stalled or unreachable database (the read's command timeout) must not end the circuit.
            Logger.LogWarning(e, "The {Period} leaderboard could not be read.", asked);
            failed = true;
        }
        StateHasChanged();
    }

    /// <summary>The ranking for the period, without the bots when asked.</summary>
    private IReadOnlyList<LeaderboardEntry> Ranked() =>
        peopleOnly ? entries!.Where(entry => !entry.Account.IsSimulated).ToList() : entries!;

    private static int IndexOf(IReadOnlyList<LeaderboardEntry> ranked, int accountId)
    {
        for (var i = 0; i < ranked.Count; i++)
            if (ranked[i].Account.Id == accountId) return i;
        return -1;
    }

    private void OnTraderChanged() => work.Start(async () =>
    {
        trader = await Traders.GetAsync();
        StateHasChanged();
    });

    public void Dispose()
    {
        Traders.Changed -= OnTraderChanged;
        feed?.Dispose();
    }
}
