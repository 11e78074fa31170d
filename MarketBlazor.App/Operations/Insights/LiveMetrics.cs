using System.Diagnostics.Metrics;

namespace MarketBlazor.App.Operations.Insights;

/// <summary>
/// Follows the agreed "MarketBlazor" instruments in this process with a <see cref="MeterListener"/>
/// (keyed on their names, so it works with whichever code creates them) and keeps the last minute of
/// order rate, order latency, fan-out lag and open circuits for the insights page's live charts.
/// </summary>
public sealed class LiveMetrics : IHostedService, IDisposable
{
    public const string MeterName = "MarketBlazor";
    public const string Orders = "marketblazor.orders";
    public const string OrderDuration = "marketblazor.order.duration";
    public const string FanoutLag = "marketblazor.fanout.lag";
    public const string CircuitsOpen = "marketblazor.circuits.open";
    public const int WindowSeconds = 60;

    private static readonly HashSet<string> Followed = [Orders, OrderDuration, FanoutLag, CircuitsOpen];

    private readonly TimeProvider time;
    private readonly Func<Meter, bool> follows;
    private readonly MeterListener listener = new();
    private readonly RollingWindow orders = new(WindowSeconds);
    private readonly RollingWindow filled = new(WindowSeconds);
    private readonly RollingWindow duration = new(WindowSeconds);
    private readonly RollingWindow fanout = new(WindowSeconds);
    private long circuits;

    /// <param name="follows">Which meters to follow: every meter named <see cref="MeterName"/> unless said otherwise.</param>
    public LiveMetrics(TimeProvider time, Func<Meter, bool>? follows = null)
    {
        this.time = time;
        this.follows = follows ?? (meter => meter.Name == MeterName);
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (this.follows(instrument.Meter) && Followed.Contains(instrument.Name)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
    }

    public void Start() => listener.Start();

    /// <summary>The window up to now; observable instruments (a gauge of circuits) are read first.</summary>
    public LiveMetricsSnapshot Snapshot()
    {
        listener.RecordObservableInstruments();
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var latencies = duration.Summaries(now);
        var lags = fanout.Summaries(now);
        return new LiveMetricsSnapshot(
            latencies.Select(s => DateTimeOffset.FromUnixTimeSeconds(s.Second)).ToArray(),
            orders.Summaries(now).Select(s => (double)s.Count).ToArray(),
            filled.Summaries(now).Select(s => (double)s.Count).ToArray(),
            latencies.Select(s => s.Percentile(0.50) ?? 0).ToArray(),
            latencies.Select(s => s.Percentile(0.95) ?? 0).ToArray(),
            latencies.Select(s => s.Percentile(0.99) ?? 0).ToArray(),
            lags.Select(s => s.Percentile(0.95) ?? 0).ToArray(),
            Interlocked.Read(ref circuits));
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var second = time.GetUtcNow().ToUnixTimeSeconds();
        switch (instrument.Name)
        {
            case Orders:
                orders.Count(second, (long)value);
                if (HasTag(tags, "outcome", "filled")) filled.Count(second, (long)value);
                break;
            case OrderDuration:
                duration.Sample(second, value * 1000);
                break;
            case FanoutLag:
                fanout.Sample(second, value * 1000);
                break;
            case CircuitsOpen when instrument.IsObservable:
                // A gauge (or observable up-down counter) reports the current total.
                Interlocked.Exchange(ref circuits, (long)value);
                break;
            case CircuitsOpen:
                // An up-down counter reports each circuit opening (+1) and closing (-1).
                Interlocked.Add(ref circuits, (long)value);
                break;
        }
    }

    private static bool HasTag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name, string value)
    {
        foreach (var tag in tags)
            if (tag.Key == name && tag.Value as string == value) return true;
        return false;
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken)
    {
        Start();
        return Task.CompletedTask;
    }

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => listener.Dispose();
}
