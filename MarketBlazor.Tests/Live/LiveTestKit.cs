using MarketBlazor.App.Live;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;
using Microsoft.Extensions.Options;

namespace MarketBlazor.Tests.Live;

/// <summary>Builds the real live machinery with nothing behind it, and synthetic committed changes to feed it.</summary>
internal static class LiveTestKit
{
    public static MarketBoard Board() => new(Options.Create(new TradingOptions()), TimeProvider.System);

    public static MarketBroadcaster Broadcaster() => new(Board());

    /// <summary>
    /// A change as the trade path would publish it: market <paramref name="marketId"/> at
    /// <paramref name="sequence"/>, produced by a small Yes buy. The board creates an entry for a
    /// market it has not loaded, so no database is needed.
    /// </summary>
    public static MarketChange Change(long sequence, int marketId = 1, int accountId = 1)
    {
        var market = new MarketSnapshot(marketId, $"market-{marketId}", $"Will market {marketId} resolve Yes?", "", "Testing",
            MarketStatus.Open, DateTimeOffset.UtcNow.AddDays(30), 100m, sequence, 0m, sequence, sequence);
        var trade = new TradeView(sequence, marketId, accountId, Side.Yes, TradeAction.Buy, 1m, 0.5m, 0.5m, 0.51m, sequence, DateTimeOffset.UtcNow);
        return new MarketChange(market, trade);
    }

    /// <summary>Feeds a change in the way the trade path does (board first, then fan-out), not via the repair path's Publish.</summary>
    public static void Commit(this MarketBroadcaster broadcaster, MarketChange change) => broadcaster.Committed(change.Market, change.Trade!);

    /// <summary>
    /// Fan-out is asynchronous (per-shard workers), so a test that needs "everything published so
    /// far has been offered to every subscriber" waits on a probe subscribed <em>last</em>: each change
    /// is offered to subscribers in subscription order, so once the probe has it, everyone has.
    /// </summary>
    public sealed class Probe(MarketBroadcaster broadcaster)
    {
        private readonly MarketSubscription subscription = broadcaster.Subscribe(capacity: 100_000);
        public long Last { get; private set; }

        public async Task WaitForAsync(long sequence, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (Last < sequence)
            {
                while (subscription.Reader.TryRead(out var change)) Last = Math.Max(Last, change.Market.Sequence);
                if (Last >= sequence) return;
                if (DateTime.UtcNow > deadline) Assert.Fail($"The fan-out did not deliver sequence {sequence} within {timeout.TotalSeconds} s (last seen {Last}).");
                await Task.Delay(5);
            }
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or the deadline passes (no fixed sleeps).</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail(failure());
            await Task.Delay(10);
        }
    }
}
