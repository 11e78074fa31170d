using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using MarketBlazor.App.Live;
using Microsoft.Extensions.Options;

namespace MarketBlazor.App.Api.Streaming;

/// <summary>
/// One market's events, each with the market sequence as its id, gap-free and in order from the sequence the
/// client last saw. Whatever its queue cannot vouch for (it overflowed, or a repair published only the last of
/// several changes) is replayed from the board or the database, so this stream never needs a resync.
/// </summary>
internal sealed class MarketStream(
    MarketBroadcaster broadcaster, TradeBacklog backlog, IOptions<StreamingOptions> options, IHostApplicationLifetime lifetime, TimeProvider clock)
{
    public async IAsyncEnumerable<SseItem<object>> ReadAsync(int marketId, long afterSequence, [EnumeratorCancellation] CancellationToken requestAborted = default)
    {
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        // Subscribed before the backlog is read, so a change committed meanwhile waits in the queue rather than
        // falling between the two; the backlog may include it too, hence the skip by sequence below.
        using var subscription = broadcaster.Subscribe(options.Value.QueueCapacity);
        var shown = afterSequence;
        yield return StreamEvents.ReadyAt(marketId, shown).WithId(shown);

        // Catch up first: what the client missed before connecting, and again whenever the queue cannot vouch for itself.
        var catchUp = true;
        while (true)
        {
            catchUp |= subscription.TakeResync();
            if (catchUp)
            {
                await foreach (var trade in backlog.AfterAsync(marketId, shown, requestAborted))
                {
                    if (trade.Sequence <= shown) continue;
                    yield return StreamEvents.OfTrade(trade).WithId(trade.Sequence);
                    shown = trade.Sequence;
                }
                // A market that ended takes its last sequences with a close and a resolution, never with trades after them.
                foreach (var lifecycle in await backlog.LifecycleAfterAsync(marketId, shown, requestAborted))
                {
                    yield return StreamEvents.OfLifecycle(lifecycle).WithId(lifecycle.Sequence);
                    shown = lifecycle.Sequence;
                }
                catchUp = false;
            }

            while (!catchUp && subscription.Reader.TryRead(out var change))
            {
                var sequence = change.Market.Sequence;
                if (change.Market.Id != marketId || sequence <= shown) continue;
                // A gap: the board already holds the missing changes (it applies before publishing), so replay from there.
                if (sequence != shown + 1)
                {
                    catchUp = true;
                    break;
                }
                yield return StreamEvents.From(change).WithId(sequence);
                shown = sequence;
            }
            // Changes dropped while this client was being written to: replay them before waiting for more.
            if (catchUp || subscription.ResyncNeeded) continue;

            var wake = await StreamWaits.NextAsync(subscription.Reader, options.Value.HeartbeatInterval, ended.Token);
            if (wake == StreamWake.Ended) yield break;
            if (wake == StreamWake.Quiet) yield return StreamEvents.Beat(clock.GetUtcNow());
        }
    }
}
