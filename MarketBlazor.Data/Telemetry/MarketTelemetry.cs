using System.Diagnostics;
using System.Diagnostics.Metrics;
using MarketBlazor.Data.Trading;

namespace MarketBlazor.Data.Telemetry;

/// <summary>
/// The app's own instruments (one <see cref="Meter"/> and one <see cref="ActivitySource"/>, both
/// "MarketBlazor"; names agreed in docs, exported by OpenTelemetry). Recording never locks and never
/// allocates for tags: outcomes are precomputed tag pairs, durations come from Stopwatch timestamps.
/// </summary>
public sealed class MarketTelemetry
{
    public const string Name = "MarketBlazor";

    /// <summary>Spans of the trade path and the fan-out. Static: an ActivitySource carries no state worth scoping.</summary>
    public static readonly ActivitySource Traces = new(Name);

    /// <summary>Seconds from half a millisecond to ten seconds: OpenTelemetry's default buckets are meant for milliseconds.</summary>
    private static readonly InstrumentAdvice<double> SecondsBuckets = new()
    {
        HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };

    private static readonly InstrumentAdvice<long> BatchBuckets = new() { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64] };

    private readonly Counter<long> orders;
    private readonly Histogram<double> orderDuration;
    private readonly Histogram<double> queueWait;
    private readonly Histogram<double> commit;
    private readonly Histogram<long> batchSize;
    private readonly Histogram<double> boardApplyLag;
    private readonly Histogram<double> fanoutLag;
    private readonly UpDownCounter<long> circuitsOpen;
    private readonly Counter<long> resyncs;
    private readonly Counter<long> notifySent;
    private readonly Counter<long> notifyReceived;
    private readonly Histogram<double> notifyLag;
    private readonly Counter<long> boardRepairs;
    private readonly Counter<long> boardRefreshes;

    public MarketTelemetry(IMeterFactory meters) : this(meters.Create(Name))
    {
    }

    private MarketTelemetry(Meter meter)
    {
        Meter = meter;
        orders = meter.CreateCounter<long>("marketblazor.orders", "{order}", "Orders answered, by outcome (filled or the refusal reason)");
        orderDuration = meter.CreateHistogram("marketblazor.order.duration", "s", "Whole order, from submit to answer", advice: SecondsBuckets);
        queueWait = meter.CreateHistogram("marketblazor.order.queue_wait", "s", "Time an order waited in its market's lane", advice: SecondsBuckets);
        commit = meter.CreateHistogram("marketblazor.order.commit", "s", "Batch read, write and commit", advice: SecondsBuckets);
        batchSize = meter.CreateHistogram("marketblazor.batch.size", "{order}", "Orders written by one batch", advice: BatchBuckets);
        boardApplyLag = meter.CreateHistogram("marketblazor.board.apply_lag", "s", "From commit to applied on this instance's board", advice: SecondsBuckets);
        fanoutLag = meter.CreateHistogram("marketblazor.fanout.lag", "s", "From the board to a circuit's render", advice: SecondsBuckets);
        circuitsOpen = meter.CreateUpDownCounter<long>("marketblazor.circuits.open", "{circuit}", "Blazor circuits open on this instance");
        resyncs = meter.CreateCounter<long>("marketblazor.fanout.resyncs", "{subscriber}", "Subscribers that dropped changes and re-read the board");
        notifySent = meter.CreateCounter<long>("marketblazor.notify.sent", "{notification}", "Market changes announced to other instances");
        notifyReceived = meter.CreateCounter<long>("marketblazor.notify.received", "{notification}", "Market change notifications received");
        notifyLag = meter.CreateHistogram("marketblazor.notify.lag", "s", "From NOTIFY sent to received (clocks of two instances)", advice: SecondsBuckets);
        boardRepairs = meter.CreateCounter<long>("marketblazor.board.repairs", "{market}", "Markets whose board entry drifted from the database and was repaired");
        boardRefreshes = meter.CreateCounter<long>("marketblazor.board.refreshes", "{market}", "Markets re-read because another instance announced a change");
    }

    /// <summary>
    /// For parts built outside the app's container (tests, the bench): a meter of its own name that
    /// no exporter listens to, so their measurements never mix into an app's numbers.
    /// </summary>
    public static MarketTelemetry Detached { get; } = new(new Meter(Name + ".Detached"));

    /// <summary>The meter the instruments live on, for observable instruments created elsewhere.</summary>
    public Meter Meter { get; }

    /// <summary>An order was answered: counted by outcome, its duration recorded, its span tagged.</summary>
    public void OrderAnswered(OrderResult result, long startedAt, Activity? span)
    {
        var outcome = OrderOutcomes.Of(result);
        orders.Add(1, outcome);
        orderDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, outcome);
        span?.SetTag(outcome.Key, outcome.Value);
    }

    /// <summary>A batch leader took these orders off the lane: each one's wait ends here.</summary>
    internal List<PendingOrder> Dequeued(List<PendingOrder> batch)
    {
        var now = Stopwatch.GetTimestamp();
        batchSize.Record(batch.Count);
        var tracing = Traces.HasListeners();
        foreach (var pending in batch)
        {
            var waited = Stopwatch.GetElapsedTime(pending.QueuedAt, now);
            queueWait.Record(waited.TotalSeconds);
            if (tracing && pending.Trace != default)
            {
                // The wait is known only once it is over: a span with its real start, in the order's own trace.
                var end = DateTimeOffset.UtcNow;
                using var span = Traces.StartActivity("order queue", ActivityKind.Internal, pending.Trace, startTime: end - waited);
                span?.SetEndTime(end.UtcDateTime);
            }
        }
        return batch;
    }

    /// <summary>One attempt at writing a batch: timed, and traced as a span linked to every order it carries.</summary>
    internal async Task<WrittenBatch?> WriteBatchAsync(List<PendingOrder> batch, Func<Task<WrittenBatch?>> write)
    {
        using var span = Traces.HasListeners() ? StartBatchSpan(batch) : null;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var written = await write();
            span?.SetTag("marketblazor.batch.conflict", written is null);
            return written;
        }
        finally
        {
            commit.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    private static Activity? StartBatchSpan(List<PendingOrder> batch)
    {
        var links = new List<ActivityLink>(batch.Count);
        foreach (var pending in batch)
            if (pending.Trace != default) links.Add(new ActivityLink(pending.Trace));
        var span = Traces.StartActivity("order batch commit", ActivityKind.Internal, parentContext: default, links: links);
        span?.SetTag("marketblazor.market_id", batch[0].Order.MarketId);
        span?.SetTag("marketblazor.batch.size", batch.Count);
        return span;
    }

    /// <summary>A committed change reached this instance's board (<paramref name="committedAt"/>: a Stopwatch timestamp).</summary>
    public void BoardApplied(long committedAt) => boardApplyLag.Record(Stopwatch.GetElapsedTime(committedAt).TotalSeconds);

    /// <summary>A circuit rendered changes the board applied at <paramref name="appliedAt"/> (a Stopwatch timestamp).</summary>
    public void Rendered(long appliedAt) => fanoutLag.Record(Stopwatch.GetElapsedTime(appliedAt).TotalSeconds);

    public void CircuitOpened() => circuitsOpen.Add(1);

    public void CircuitClosed() => circuitsOpen.Add(-1);

    public void Resynced() => resyncs.Add(1);

    public void NotificationsSent(int count) => notifySent.Add(count);

    /// <param name="lag">From the sender's clock to ours, when the notification carried its send time.</param>
    public void NotificationReceived(TimeSpan? lag)
    {
        notifyReceived.Add(1);
        if (lag is { } known) notifyLag.Record(Math.Max(0, known.TotalSeconds));
    }

    public void BoardRepaired() => boardRepairs.Add(1);

    public void BoardRefreshed() => boardRefreshes.Add(1);
}
