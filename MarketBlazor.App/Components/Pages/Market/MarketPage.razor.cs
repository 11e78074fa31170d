using MarketBlazor.App.Components.Shared;
using MarketBlazor.App.Live;
using MarketBlazor.App.People;
using MarketBlazor.Data;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Lifecycle;
using MarketBlazor.Data.Queries;
using MarketBlazor.Data.Trading;
using Microsoft.AspNetCore.Components;

namespace MarketBlazor.App.Components.Pages.Market;

public sealed partial class MarketPage : IDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(10);

    [Parameter] public string Slug { get; set; } = "";

    private readonly CancellationTokenSource leaving = new();
    private CircuitWork work = null!;
    private bool loaded;
    private ChartRange range = ChartRange.Week;
    private long seenUpTo;
    private LiveFeed? liveFeed;

    // The market and trades as this view has shown them: advanced one sequence at a time, so a
    // missed change is noticed (a gap), replayed exactly, and the price never steps backwards.
    private MarketSnapshot? shown;
    private List<TradeView> feed = [];
    private Trader? trader;

    // One catch-up at a time; a request while it runs makes it go round once more.
    private bool catchingUp;
    private bool catchUpWanted;
    private bool catchUpFailed;
    private TimeSpan retryDelay;
    private bool retryScheduled;

    protected override void OnInitialized()
    {
        work = new CircuitWork(InvokeAsync, DispatchExceptionAsync);
        Traders.Changed += OnTraderChanged;
        Circuit.Reconnected += OnReconnected;
        liveFeed = LiveFeed.Start(Broadcaster, (changes, resync) => InvokeAsync(() => ApplyAsync(changes, resync)), DispatchExceptionAsync);
    }

    protected override async Task OnInitializedAsync()
    {
        trader = await Traders.GetAsync();
        await Board.Loaded;
    }

    protected override void OnParametersSet()
    {
        loaded = Board.Loaded.IsCompletedSuccessfully;
        var market = Board.MarketBySlug(Slug);
        // An unknown address answers 404 (prerendered: the status code; interactive: the router's not-found page);
        // the page's own message below stays as the fallback wherever nothing replaces it.
        if (loaded && market is null) Navigation.NotFound();
        if (market?.Id == shown?.Id) return;
        shown = market;
        feed = market is null ? [] : Board.RecentTrades(market.Id).ToList();
        seenUpTo = market?.Sequence ?? 0;
        catchUpFailed = false;
    }

    private async Task ApplyAsync(IReadOnlyList<MarketChange> changes, bool resync)
    {
        if (shown is null) return;
        var gap = resync;
        foreach (var change in changes.Where(c => c.Market.Id == shown.Id))
        {
            if (change.Sequence <= shown.Sequence) continue;
            if (change.Sequence != shown.Sequence + 1)
            {
                // Also how a failed catch-up is retried as soon as the market moves again.
                gap = true;
                break;
            }
            Show(change.Market, change.Trade is { } trade ? [trade] : []);
        }
        if (gap) await CatchUpAsync();
        else StateHasChanged();
    }

    /// <summary>
    /// Brings the page up to the board: the market now and exactly the trades after the last one
    /// shown (from the board while it keeps them, else from the database). A failure never leaves
    /// "Catching up…" on screen: the page says it may be behind and tries again with back-off.
    /// </summary>
    private async Task CatchUpAsync()
    {
        catchUpWanted = true;
        if (catchingUp) return;
        catchingUp = true;
        StateHasChanged();
        try
        {
            while (catchUpWanted)
            {
                catchUpWanted = false;
                await FetchMissedAsync();
            }
            catchUpFailed = false;
            retryDelay = TimeSpan.Zero;
        }
        catch (OperationCanceledException) when (leaving.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            if (DatabaseFailures.IsUnavailable(e)) Logger.LogWarning("Market {Slug} could not catch up: {Message}", Slug, e.Message);
            else Logger.LogError(e, "Market {Slug} could not catch up", Slug);
            catchUpFailed = true;
            ScheduleRetry();
        }
        finally
        {
            catchingUp = false;
            StateHasChanged();
        }
    }

    private async Task FetchMissedAsync()
    {
        if (shown is not { } from) return;
        var (market, missed) = Board.CatchUp(from.Id, from.Sequence);
        if (market is null) return;
        if (missed is null)
        {
            // Only the latest trades are ever listed, so at most that many are read; older ones would drop off the list at once.
            var after = Math.Max(from.Sequence, market.Sequence - MarketBoard.RecentTradesKept);
            missed = (await Reader.TradesAfterAsync(from.Id, after, MarketBoard.RecentTradesKept, leaving.Token))
                .Where(t => t.Sequence <= market.Sequence).ToList();
            if (shown?.Id != from.Id) return;
            // Trades between what is shown and what was read were never fetched: the list restarts rather than show a hole.
            if (after > shown.Sequence) feed.Clear();
        }
        Show(market, missed);
    }

    private void ScheduleRetry()
    {
        if (retryScheduled) return;
        retryScheduled = true;
        retryDelay = retryDelay == TimeSpan.Zero ? FirstRetry : TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, LongestRetry.Ticks));
        var (delay, left) = (retryDelay, leaving.Token);
        work.Start(async () =>
        {
            try
            {
                await Task.Delay(delay, Clock, left);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            retryScheduled = false;
            await CatchUpAsync();
        });
    }

    /// <summary>Shows <paramref name="market"/> and those of <paramref name="trades"/> not shown yet: each sequence is listed once, whichever path brought it first.</summary>
    private void Show(MarketSnapshot market, IReadOnlyList<TradeView> trades)
    {
        foreach (var trade in trades.Where(t => t.Sequence > shown!.Sequence).OrderBy(t => t.Sequence)) feed.Insert(0, trade);
        if (feed.Count > MarketBoard.RecentTradesKept) feed.RemoveRange(MarketBoard.RecentTradesKept, feed.Count - MarketBoard.RecentTradesKept);
        if (market.Sequence > shown!.Sequence) shown = market;
    }

    /// <summary>The signed-in creator or an admin, while the market can still be ended; null for everyone else.</summary>
    private MarketActor? Manager(MarketSnapshot market) =>
        trader is not null && market.Status != MarketStatus.Resolved && (trader.IsAdmin || market.CreatorAccountId == trader.AccountId)
            ? new MarketActor(trader.AccountId, trader.IsAdmin)
            : null;

    private Task OnReconnected() => InvokeAsync(CatchUpAsync);

    private void OnTraderChanged() => work.Start(async () =>
    {
        trader = await Traders.GetAsync();
        StateHasChanged();
    });

    public void Dispose()
    {
        Traders.Changed -= OnTraderChanged;
        Circuit.Reconnected -= OnReconnected;
        liveFeed?.Dispose();
        leaving.Cancel();
        leaving.Dispose();
    }
}
