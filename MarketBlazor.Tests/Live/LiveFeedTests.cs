using MarketBlazor.App.Live;
using static MarketBlazor.Tests.Live.LiveTestKit;

namespace MarketBlazor.Tests.Live;

/// <summary>
/// DESIGN §5: renders are coalesced. The handler stands in for a component's
/// <c>InvokeAsync(StateHasChanged)</c>; it stays "busy" (blocked) until the test lets it finish, so
/// the test decides exactly what arrives while a render is in flight.
/// </summary>
public sealed class LiveFeedTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Changes_arriving_while_the_handler_is_busy_are_delivered_together_in_one_later_call()
    {
        using var broadcaster = Broadcaster();
        var handler = new BusyHandler();
        using var feed = LiveFeed.Start(broadcaster, handler.OnBatchAsync);
        var probe = new Probe(broadcaster);

        // 500 changes in bursts, each burst landing while the previous batch is still "rendering".
        // Each burst stays below one queue's capacity, so nothing may be dropped.
        int[] bursts = [1, 125, 125, 125, 124];
        long sequence = 0;
        foreach (var burst in bursts)
        {
            for (var i = 0; i < burst; i++) broadcaster.Commit(Change(++sequence));
            // Everything in this burst is queued at the feed before the busy call returns.
            await probe.WaitForAsync(sequence, Deadline);
            if (sequence > 1) handler.Finish();
            await handler.WaitUntilBusyAsync(Deadline);
        }
        handler.Finish();

        var calls = handler.Calls;
        Assert.Equal(Enumerable.Range(1, 500).Select(i => (long)i), calls.SelectMany(c => c.Sequences));
        Assert.True(calls.Count <= 10, $"500 changes took {calls.Count} handler calls; they should be coalesced into a handful.");
        Assert.Equal(bursts, calls.Select(c => c.Sequences.Count));
        Assert.DoesNotContain(calls, c => c.Resync);
    }

    [Fact]
    public async Task A_burst_larger_than_the_queue_while_the_handler_is_busy_asks_for_a_resync()
    {
        // One uninterrupted burst bigger than the queue cannot be held: the overflow is dropped and
        // the next batch says "re-read the board" instead of silently missing changes.
        using var broadcaster = Broadcaster();
        var handler = new BusyHandler();
        using var feed = LiveFeed.Start(broadcaster, handler.OnBatchAsync);
        var probe = new Probe(broadcaster);

        broadcaster.Commit(Change(1));
        await handler.WaitUntilBusyAsync(Deadline);
        var burst = MarketBroadcaster.DefaultCapacity + 100;
        for (var sequence = 2; sequence < 2 + burst; sequence++) broadcaster.Commit(Change(sequence));
        await probe.WaitForAsync(1 + burst, Deadline);
        handler.Finish();
        await handler.WaitUntilBusyAsync(Deadline);
        handler.Finish();

        var calls = handler.Calls;
        Assert.Equal(2, calls.Count);
        Assert.False(calls[0].Resync);
        Assert.True(calls[1].Resync, "Changes were dropped but the handler was not told to resync.");
        Assert.Equal(MarketBroadcaster.DefaultCapacity, calls[1].Sequences.Count);

        // After the resync the feed keeps working: the next change is delivered normally.
        broadcaster.Commit(Change(2 + burst));
        await handler.WaitUntilBusyAsync(Deadline);
        handler.Finish();
        Assert.Equal(new[] { 2L + burst }, handler.Calls[2].Sequences);
        Assert.False(handler.Calls[2].Resync);
    }

    [Fact]
    public async Task A_batch_the_handler_fails_on_is_reported_and_the_next_one_is_delivered_with_a_resync()
    {
        using var broadcaster = Broadcaster();
        var calls = new List<Call>();
        var failures = new List<Exception>();
        using var feed = LiveFeed.Start(broadcaster, (batch, resync) =>
        {
            lock (calls) calls.Add(new Call(batch.Select(c => c.Market.Sequence).ToList(), resync));
            return batch[0].Sequence == 1 ? throw new InvalidOperationException("boom") : Task.CompletedTask;
        }, failure =>
        {
            lock (failures) failures.Add(failure);
            return Task.CompletedTask;
        });

        broadcaster.Commit(Change(1));
        await WaitUntilAsync(() => { lock (failures) return failures.Count == 1; }, Deadline, () => "The failure never reached onFailure.");
        broadcaster.Commit(Change(2));
        await WaitUntilAsync(() => { lock (calls) return calls.Count == 2; }, Deadline, () => "The feed stopped after the handler threw.");

        Assert.Equal("boom", Assert.Single(failures).Message);
        // The failed batch may have been half applied: the next one says "re-read the board".
        Assert.Equal([2L], calls[1].Sequences);
        Assert.True(calls[1].Resync);
    }

    [Fact]
    public async Task Without_a_failure_handler_the_feed_still_goes_on_after_the_handler_throws()
    {
        using var broadcaster = Broadcaster();
        var delivered = new List<long>();
        using var feed = LiveFeed.Start(broadcaster, (batch, _) =>
        {
            lock (delivered) delivered.AddRange(batch.Select(c => c.Sequence));
            return batch[0].Sequence == 1 ? throw new NullReferenceException("boom") : Task.CompletedTask;
        });

        broadcaster.Commit(Change(1));
        await WaitUntilAsync(() => { lock (delivered) return delivered.Count == 1; }, Deadline, () => "The first change was never delivered.");
        broadcaster.Commit(Change(2));

        await WaitUntilAsync(() => { lock (delivered) return delivered.Contains(2); }, Deadline, () => "The feed stopped after the handler threw.");
    }

    [Fact]
    public async Task Components_that_never_finish_a_batch_do_not_keep_other_feeds_from_their_render_turn()
    {
        // More stuck components than there are render turns in the process: each must give its turn back.
        using var broadcaster = Broadcaster();
        var stuck = new TaskCompletionSource();
        var entered = 0;
        var feeds = Enumerable.Range(0, Environment.ProcessorCount + 2).Select(_ => LiveFeed.Start(broadcaster, async (_, _) =>
        {
            Interlocked.Increment(ref entered);
            await stuck.Task;
        })).ToList();
        var delivered = new List<long>();
        using var healthy = LiveFeed.Start(broadcaster, (batch, _) =>
        {
            lock (delivered) delivered.AddRange(batch.Select(c => c.Sequence));
            return Task.CompletedTask;
        });
        try
        {
            broadcaster.Commit(Change(1));

            await WaitUntilAsync(() => { lock (delivered) return delivered.Contains(1); }, Deadline, () => "A feed never got a render turn while other components were stuck.");
            await WaitUntilAsync(() => Volatile.Read(ref entered) == feeds.Count, Deadline, () => $"Only {entered} of {feeds.Count} stuck feeds got a turn.");
        }
        finally
        {
            stuck.SetResult();
            foreach (var feed in feeds) feed.Dispose();
        }
    }

    private sealed record Call(IReadOnlyList<long> Sequences, bool Resync);

    /// <summary>Records each call, then blocks until <see cref="Finish"/>: a render that takes as long as the test wants.</summary>
    private sealed class BusyHandler
    {
        private readonly List<Call> calls = [];
        private readonly SemaphoreSlim entered = new(0);
        private readonly SemaphoreSlim finish = new(0);

        public IReadOnlyList<Call> Calls
        {
            get { lock (calls) return calls.ToList(); }
        }

        public async Task OnBatchAsync(IReadOnlyList<MarketChange> batch, bool resync)
        {
            lock (calls) calls.Add(new Call(batch.Select(c => c.Market.Sequence).ToList(), resync));
            entered.Release();
            await finish.WaitAsync();
        }

        public async Task WaitUntilBusyAsync(TimeSpan timeout)
        {
            if (!await entered.WaitAsync(timeout)) Assert.Fail($"The feed did not call the handler within {timeout.TotalSeconds} s.");
        }

        public void Finish() => finish.Release();
    }
}
