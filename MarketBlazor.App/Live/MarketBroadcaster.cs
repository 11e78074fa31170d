using System.Collections.Immutable;
using System.Diagnostics;
using MarketBlazor.Data.Telemetry;
using MarketBlazor.Data.Trading;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MarketBlazor.App.Live;

/// <summary>
/// Fed only after commit (it is the trade path's <see cref="IMarketChangeSink"/>), and called while
/// the market's lane is still held, so for a trade, close or resolution it only enqueues: the market's fan-out shard applies the
/// change to the market board, then offers it to every subscriber without ever waiting on one. A
/// market always hashes to the same shard, so its changes reach the board in commit order. A change
/// that reveals a gap is not delivered; the market is queued for repair from the database instead.
/// </summary>
public sealed class MarketBroadcaster : IMarketChangeSink, IDisposable
{
    public const int DefaultCapacity = 256;

    private readonly Lock gate = new();
    private readonly MarketBoard board;
    private readonly RepairQueue repairs;
    private readonly ILogger logger;
    private readonly FanoutShard[] shards;
    private ImmutableArray<MarketSubscription> subscribers = [];
    private int dropNext;
    private int failNext;

    public MarketBroadcaster(MarketBoard board, RepairQueue repairs, IOptions<LiveOptions> options, ILogger<MarketBroadcaster> logger,
        MarketTelemetry? telemetry = null)
    {
        Telemetry = telemetry ?? MarketTelemetry.Detached;
        this.board = board;
        this.repairs = repairs;
        this.logger = logger;
        shards = Enumerable.Range(0, Math.Max(1, options.Value.Shards)).Select(_ => new FanoutShard(ApplyToBoard, Deliver, Failed)).ToArray();
    }

    public MarketBroadcaster(MarketBoard board) : this(board, new RepairQueue(), Options.Create(new LiveOptions()), NullLogger<MarketBroadcaster>.Instance)
    {
    }

    public int SubscriberCount => subscribers.Length;

    /// <summary>Where the fan-out and its subscribers report their lag and resyncs.</summary>
    public MarketTelemetry Telemetry { get; }

    public MarketSubscription Subscribe(int capacity = DefaultCapacity)
    {
        var subscription = new MarketSubscription(capacity, Remove);
        lock (gate) subscribers = subscribers.Add(subscription);
        return subscription;
    }

    public void Committed(MarketSnapshot market, TradeView trade)
    {
        if (Interlocked.Exchange(ref dropNext, 0) == 1) return;
        ShardOf(market.Id).EnqueueCommitted(new MarketChange(market, trade));
    }

    public void Committed(MarketSnapshot market, MarketEventView change)
    {
        if (Interlocked.Exchange(ref dropNext, 0) == 1) return;
        ShardOf(market.Id).EnqueueCommitted(new MarketChange(market, null, change));
    }

    /// <summary>
    /// A launch is the one change applied right here: it is rare, off the trade path, has no earlier
    /// change to wait for (sequence 0), takes only the board's writer lock (readers never lock), and
    /// the creator is sent to the new market's page at once, which must find it on the board.
    /// </summary>
    public void Launched(MarketSnapshot market)
    {
        if (board.Launch(market)) Publish(new MarketChange(market, null));
    }

    /// <summary>Sends a change the board already holds (e.g. after a repair) to every subscriber.</summary>
    public void Publish(MarketChange change) => ShardOf(change.Market.Id).EnqueueApplied(change);

    /// <summary>Fault injection for tests: the next committed change is lost before it reaches the board, as a crashed push would be.</summary>
    public void DropNextChange() => Interlocked.Exchange(ref dropNext, 1);

    /// <summary>Fault injection for tests: the next delivery throws after the board applied its change, as a failing subscriber would.</summary>
    public void FailNextDelivery() => Interlocked.Exchange(ref failNext, 1);

    private FanoutShard ShardOf(int marketId) => shards[(int)((uint)marketId % (uint)shards.Length)];

    private bool ApplyToBoard(MarketChange change)
    {
        using var span = MarketTelemetry.Traces.StartActivity("board apply", ActivityKind.Internal, change.Trace);
        var outcome = change.Trade is { } trade ? board.Apply(change.Market, trade) : board.Apply(change.Market, change.Event!);
        if (outcome == ApplyOutcome.Gap) repairs.Repair(change.Market.Id);
        if (outcome == ApplyOutcome.Applied) Telemetry.BoardApplied(change.CommittedAt);
        return outcome == ApplyOutcome.Applied;
    }

    private void Deliver(MarketChange change)
    {
        using var span = MarketTelemetry.Traces.StartActivity("fanout deliver", ActivityKind.Internal, change.Trace);
        change.AppliedAt = Stopwatch.GetTimestamp();
        if (Interlocked.Exchange(ref failNext, 0) == 1) throw new InvalidOperationException("Injected delivery failure.");
        foreach (var subscriber in subscribers) subscriber.Offer(change);
    }

    private void Failed(MarketChange change, bool applied, Exception error)
    {
        if (applied)
        {
            logger.LogError(error, "Delivering market {MarketId} at sequence {Sequence} failed; every subscriber is told to resync", change.Market.Id, change.Sequence);
            // Some subscribers may have missed it: they re-read the board with their next batch rather than silently lag.
            foreach (var subscriber in subscribers) subscriber.MarkResync();
            return;
        }
        logger.LogError(error, "Applying market {MarketId} at sequence {Sequence} to the board failed; repairing it from the database", change.Market.Id, change.Sequence);
        repairs.Repair(change.Market.Id);
    }

    private void Remove(MarketSubscription subscription)
    {
        lock (gate) subscribers = subscribers.Remove(subscription);
    }

    public void Dispose()
    {
        foreach (var shard in shards) shard.Dispose();
    }
}
