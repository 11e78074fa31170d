using System.Globalization;
using MarketBlazor.App.Components.Shared;
using MarketBlazor.App.Operations.Insights;
using MarketBlazor.Data;
using MarketBlazor.Data.Insights;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MarketBlazor.App.Components.Pages.Insights;

public sealed partial class InsightsPage : IDisposable
{
    public const int StatementCount = 50;
    private static readonly TimeSpan ChartRefresh = TimeSpan.FromSeconds(1);

    [Inject] private QueryInsightsReader Reader { get; set; } = default!;
    [Inject] private LiveMetrics Metrics { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private readonly CancellationTokenSource leaving = new();
    private StatementReport? report;
    private IReadOnlyList<IndexSuggestion>? suggestions;
    private string? failure;
    private bool loading;
    private LiveMetricsSnapshot? live;
    private string[] labels = [];
    private List<ChartSeries<double>> rateSeries = [];
    private List<ChartSeries<double>> latencySeries = [];
    private List<ChartSeries<double>> fanoutSeries = [];

    protected override async Task OnInitializedAsync()
    {
        ShowLive();
        await LoadStatisticsAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Only a live circuit follows the charts; the prerendered page shows them once.
        if (firstRender) new CircuitWork(InvokeAsync, DispatchExceptionAsync).Start(FollowLiveAsync);
    }

    private async Task LoadStatisticsAsync()
    {
        loading = true;
        failure = null;
        try
        {
            report = await Reader.TopStatementsAsync(StatementCount, leaving.Token);
            suggestions = await Reader.SuggestionsAsync(SuggestionThresholds.Default, leaving.Token);
        }
        catch (Exception e) when (DatabaseFailures.IsUnavailable(e, leaving.Token))
        {
            failure = "The database did not answer: the statistics could not be read. Try Refresh in a moment.";
            report ??= StatementReport.Unavailable;
            suggestions ??= [];
        }
        finally
        {
            loading = false;
        }
    }

    private async Task ResetAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Reset statistics",
            "Forget every statement's time, calls and rows (on every database of this server) and start counting afresh?",
            yesText: "Reset", cancelText: "Cancel");
        if (confirmed != true) return;
        try
        {
            await Reader.ResetStatementsAsync(leaving.Token);
        }
        catch (Exception e) when (DatabaseFailures.IsUnavailable(e, leaving.Token))
        {
            failure = "The database did not answer: the statistics were not reset.";
            return;
        }
        await LoadStatisticsAsync();
    }

    private async Task FollowLiveAsync()
    {
        var token = leaving.Token;
        using var timer = new PeriodicTimer(ChartRefresh);
        try
        {
            while (await timer.WaitForNextTickAsync(token))
            {
                if (ShowLive()) StateHasChanged();
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    /// <returns>Whether anything shown changed: an idle minute (every value as it was) costs no render.</returns>
    private bool ShowLive()
    {
        var previous = live;
        live = Metrics.Snapshot();
        if (previous is not null && SameValues(previous, live)) return false;
        var count = live.Seconds.Count;
        // A label every ten seconds, counted back from now: 60 labels would not fit.
        labels = Enumerable.Range(0, count)
            .Select(i => (count - 1 - i) % 10 == 0 ? $"-{(count - 1 - i).ToString(CultureInfo.InvariantCulture)} s" : "")
            .ToArray();
        rateSeries = [Series("orders/s", live.OrdersPerSecond), Series("filled/s", live.FilledPerSecond)];
        latencySeries = [Series("p50", live.LatencyP50), Series("p95", live.LatencyP95), Series("p99", live.LatencyP99)];
        fanoutSeries = [Series("p95", live.FanoutLagP95)];
        return true;
    }

    private static bool SameValues(LiveMetricsSnapshot a, LiveMetricsSnapshot b) =>
        a.CircuitsOpen == b.CircuitsOpen
        && a.OrdersPerSecond.SequenceEqual(b.OrdersPerSecond)
        && a.FilledPerSecond.SequenceEqual(b.FilledPerSecond)
        && a.LatencyP50.SequenceEqual(b.LatencyP50)
        && a.LatencyP95.SequenceEqual(b.LatencyP95)
        && a.LatencyP99.SequenceEqual(b.LatencyP99)
        && a.FanoutLagP95.SequenceEqual(b.FanoutLagP95);

    private static ChartSeries<double> Series(string name, IReadOnlyList<double> values) =>
        new() { Name = name, Data = new ChartData<double>(values) };

    public void Dispose()
    {
        leaving.Cancel();
        leaving.Dispose();
    }
}
