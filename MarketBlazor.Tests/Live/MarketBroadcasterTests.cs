using System.Runtime.CompilerServices;
using MarketBlazor.App.Live;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static MarketBlazor.Tests.Live.LiveTestKit;

namespace MarketBlazor.Tests.Live;

/// <summary>DESIGN §5: a slow subscriber never slows the trade path or anyone else, and a disposed one is let go.</summary>
public sealed class MarketBroadcasterTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_subscriber_that_never_drains_neither_blocks_publishing_nor_costs_the_others_a_change()
    {
        using var broadcaster = Broadcaster();
        var stuck = broadcaster.Subscribe();
        var others = Enumerable.Range(0, 998).Select(_ => broadcaster.Subscribe()).ToList();
        // Subscribed last, so once it has a change every other subscriber has been offered it.
        var probe = new Probe(broadcaster);
        Assert.Equal(1000, broadcaster.SubscriberCount);
        var received = others.ToDictionary(o => o, _ => new List<long>());

        // Three rounds of one queue's worth: the first fills the stuck queue exactly, the next two
        // overflow it. Between rounds the others drain (here, synchronously: 998 async readers would
        // flood the thread pool that the in-process browser-test app shares), so every one of them
        // must see everything; the stuck one must cost nobody anything.
        const int Rounds = 3;
        var perRound = MarketBroadcaster.DefaultCapacity;
        long published = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var from = published + 1;
            var publishing = Task.Run(() =>
            {
                for (var sequence = from; sequence < from + perRound; sequence++) broadcaster.Commit(Change(sequence));
            });
            // A trade path that waited for room in the stuck queue would hang here forever...
            var finished = await Task.WhenAny(publishing, Task.Delay(Deadline));
            Assert.True(finished == publishing, $"Publishing round {round + 1} did not complete within {Deadline.TotalSeconds} s: a full queue blocked the publisher.");
            await publishing;
            published += perRound;
            // ...and a fan-out that did would never reach the probe.
            await probe.WaitForAsync(published, Deadline);

            foreach (var (subscription, sequences) in received)
                while (subscription.Reader.TryRead(out var change)) sequences.Add(change.Market.Sequence);
        }

        Assert.True(stuck.ResyncNeeded, "The subscriber that never drained should be marked for resync.");
        Assert.Equal(MarketBroadcaster.DefaultCapacity, stuck.Reader.Count);
        var everything = Enumerable.Range(1, (int)published).Select(i => (long)i).ToList();
        Assert.All(received, r =>
        {
            Assert.False(r.Key.ResyncNeeded, "A subscriber that kept up was marked for resync.");
            Assert.Equal(everything, r.Value);
        });

        stuck.Dispose();
        foreach (var other in others) other.Dispose();
        Assert.Equal(1, broadcaster.SubscriberCount);
    }

    [Fact]
    public async Task A_delivery_that_throws_is_survived_the_next_change_is_delivered_and_subscribers_resync()
    {
        using var broadcaster = new MarketBroadcaster(Board(), new RepairQueue(), Options.Create(new LiveOptions { Shards = 1 }),
            NullLogger<MarketBroadcaster>.Instance);
        using var subscription = broadcaster.Subscribe();

        broadcaster.FailNextDelivery();
        broadcaster.Commit(Change(1));
        broadcaster.Commit(Change(2));

        using var timeout = new CancellationTokenSource(Deadline);
        var delivered = await subscription.Reader.ReadAsync(timeout.Token);
        Assert.Equal(2, delivered.Sequence);
        Assert.True(subscription.TakeResync(), "A subscriber that may have missed a change was not told to resync.");
    }

    [Fact]
    public async Task The_board_is_updated_by_the_fan_out_in_sequence_order_with_a_gap_sent_for_repair()
    {
        var board = Board();
        var repairs = new RepairQueue();
        using var broadcaster = new MarketBroadcaster(board, repairs, Options.Create(new LiveOptions()),
            NullLogger<MarketBroadcaster>.Instance);
        var probe = new Probe(broadcaster);

        for (var sequence = 1; sequence <= 200; sequence++) broadcaster.Commit(Change(sequence));
        broadcaster.Commit(Change(202));
        await probe.WaitForAsync(200, Deadline);

        using var timeout = new CancellationTokenSource(Deadline);
        Assert.Equal((1, true), await repairs.Reader.ReadAsync(timeout.Token));
        Assert.Equal(200, board.Market(1)!.Sequence);
        Assert.Equal(Enumerable.Range(0, 201).Select(s => (long)s), board.History(1).Select(p => p.Sequence));
    }

    [Fact]
    public async Task A_disposed_subscription_is_no_longer_referenced()
    {
        using var broadcaster = Broadcaster();

        var disposed = SubscribeAndLeave(broadcaster, 1, dispose: true);
        // Control: the same helper without Dispose must leave the subscription alive (the broadcaster
        // holds it), which shows the weak-reference check can tell the two apart.
        var kept = SubscribeAndLeave(broadcaster, 2, dispose: false);

        // GC.Collect; WaitForPendingFinalizers; GC.Collect — repeated until collected or a deadline,
        // because a fan-out worker may still be finishing a pass over an older subscriber list.
        await WaitUntilAsync(() =>
        {
            CollectEverything();
            return !disposed.IsAlive;
        }, TimeSpan.FromSeconds(5), () => "A disposed subscription is still reachable after GC: the broadcaster (or something else) kept a reference.");
        Assert.True(kept.IsAlive, "An undisposed subscription was collected: the broadcaster does not hold its subscribers.");
        Assert.Equal(1, broadcaster.SubscriberCount);
        GC.KeepAlive(broadcaster);
    }

    [Fact]
    public async Task A_disposed_live_feed_lets_its_component_go()
    {
        using var broadcaster = Broadcaster();
        var (component, feed) = StartFeedForComponent(broadcaster);
        var probe = new Probe(broadcaster);
        broadcaster.Commit(Change(1));
        await probe.WaitForAsync(1, Deadline);
        feed.Dispose();
        Assert.Equal(1, broadcaster.SubscriberCount);

        // The feed's loop ends asynchronously after Dispose cancels its wait, so collect until the
        // component is gone or the deadline passes.
        await WaitUntilAsync(() =>
        {
            CollectEverything();
            return !component.IsAlive;
        }, TimeSpan.FromSeconds(5), () => "The component behind a disposed LiveFeed is still reachable after GC: a circuit would leak.");
        GC.KeepAlive(broadcaster);
    }

    /// <summary>Non-inlined, so that no local of the test method keeps the subscription alive.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference SubscribeAndLeave(MarketBroadcaster broadcaster, long sequence, bool dispose)
    {
        var subscription = broadcaster.Subscribe();
        // Give it something queued, as a live subscriber would have, and let the fan-out deliver it.
        broadcaster.Commit(Change(sequence));
        Assert.True(subscription.Reader.WaitToReadAsync().AsTask().Wait(TimeSpan.FromSeconds(10)), "The change was never delivered.");
        if (dispose) subscription.Dispose();
        return new WeakReference(subscription);
    }

    /// <summary>Non-inlined so that no local of the test method keeps the component alive.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference Component, LiveFeed Feed) StartFeedForComponent(MarketBroadcaster broadcaster)
    {
        var component = new FakeComponent();
        var feed = LiveFeed.Start(broadcaster, component.OnBatchAsync);
        return (new WeakReference(component), feed);
    }

    private static void CollectEverything()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private sealed class FakeComponent
    {
        public int Renders;

        public Task OnBatchAsync(IReadOnlyList<MarketChange> batch, bool resync)
        {
            Renders++;
            return Task.CompletedTask;
        }
    }
}
