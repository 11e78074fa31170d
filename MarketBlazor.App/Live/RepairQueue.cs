using System.Threading.Channels;

namespace MarketBlazor.App.Live;

/// <summary>
/// Markets the board must re-read from the database. A <see cref="Refresh"/> is the normal path for
/// another instance's change; a <see cref="Repair"/> means this board drifted (a gap in sequences).
/// Market id 0 stands for "compare every market" (after the listener reconnects).
/// </summary>
public sealed class RepairQueue
{
    public const int Everything = 0;

    private readonly Channel<(int MarketId, bool Drifted)> requests =
        Channel.CreateUnbounded<(int, bool)>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<(int MarketId, bool Drifted)> Reader => requests.Reader;

    public void Refresh(int marketId) => requests.Writer.TryWrite((marketId, false));

    public void Repair(int marketId) => requests.Writer.TryWrite((marketId, true));

    public void RequestEverything() => requests.Writer.TryWrite((Everything, true));
}
