using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using MarketBlazor.App.Live;
using Microsoft.Extensions.Options;

namespace MarketBlazor.App.Api.Streaming;

/// <summary>
/// Every market's events, each carrying its market id and sequence, without event ids: there is no single
/// cursor to resume from. It starts with a <c>resync</c> giving every market's sequence, and sends another
/// whenever this client missed changes it cannot be given one by one (its queue overflowed, or the board
/// no longer keeps them), so the client knows exactly what to fetch with <c>trades?after=</c>.
/// </summary>
internal sealed class AllMarketsStream(
    MarketBroadcaster broadcaster, MarketBoard board, IOptions<StreamingOptions> options, IHostApplicationLifetime lifetime, TimeProvider clock)
{
    public async IAsyncEnumerable<SseItem<object>> ReadAsync([EnumeratorCancellation] CancellationToken requestAborted = default)
    {
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        // Subscribed before the sequences are read: a change is then either counted in them or still queued.
        using var subscription = broadcaster.Subscribe(options.Value.QueueCapacity);
        var shown = new Dictionary<int, long>(board.Sequences());
        yield return StreamEvents.ResyncAt(StreamEvents.Connected, shown);

        while (true)
        {
            if (subscription.TakeResync())
            {
                shown = new Dictionary<int, long>(board.Sequences());
                yield return StreamEvents.ResyncAt(StreamEvents.FellBehind, shown);
            }
            while (subscription.Reader.TryRead(out var change))
            {
                var (marketId, sequence) = (change.Market.Id, change.Market.Sequence);
                var last = shown.GetValueOrDefault(marketId);
                if (sequence <= last) continue;
                if (sequence != last + 1)
                {
                    // A repair (another instance's trades, a lost broadcast) publishes only its last change; the board keeps the recent ones.
                    var (_, missed) = board.CatchUp(marketId, last);
                    if (missed is null)
                    {
                        shown = new Dictionary<int, long>(board.Sequences());
                        yield return StreamEvents.ResyncAt(StreamEvents.FellBehind, shown);
                        continue;
                    }
                    foreach (var trade in missed)
                    {
                        yield return StreamEvents.OfTrade(trade);
                        shown[marketId] = trade.Sequence;
                    }
                    if (sequence <= shown[marketId]) continue;
                }
                yield return StreamEvents.From(change);
                shown[marketId] = sequence;
            }
            // Changes dropped while this client was being written to: say so before waiting for more.
            if (subscription.ResyncNeeded) continue;

            var wake = await StreamWaits.NextAsync(subscription.Reader, options.Value.HeartbeatInterval, ended.Token);
            if (wake == StreamWake.Ended) yield break;
            if (wake == StreamWake.Quiet) yield return StreamEvents.Beat(clock.GetUtcNow());
        }
    }
}
