using MarketBlazor.App.Live;

namespace MarketBlazor.Tests.Live;

/// <summary>
/// The trade path only enqueues its changes; the market's fan-out shard applies them to the board
/// right after. A test that reads the board after an order first waits for the board to have it.
/// </summary>
internal static class BoardWaiting
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static Task ReachesAsync(this MarketBoard board, int marketId, long sequence) =>
        LiveTestKit.WaitUntilAsync(() => board.Market(marketId)?.Sequence >= sequence, Patience,
            () => $"The board still has market {marketId} at sequence {board.Market(marketId)?.Sequence.ToString() ?? "(none)"}, not {sequence}.");
}
