using System.Threading.Channels;

namespace MarketBlazor.App.Live;

/// <summary>
/// Markets the board must re-read from the database: after a sequence gap, or when another
/// instance announced a change. Id 0 stands for "compare every market" (after the listener reconnects).
/// </summary>
public sealed class RepairQueue
{
    public const int Everything = 0;

    private readonly Channel<int> requests = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<int> Reader => requests.Reader;

    public void Request(int marketId) => requests.Writer.TryWrite(marketId);

    public void RequestEverything() => requests.Writer.TryWrite(Everything);
}
