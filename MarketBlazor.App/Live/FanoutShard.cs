using System.Threading.Channels;

namespace MarketBlazor.App.Live;

/// <summary>
/// One partition of the fan-out: its own queue and worker, so the changes of the markets hashed
/// here are applied to the board and delivered in order, and a burst on one of them never holds up
/// other shards. The trade path only enqueues; the worker does the board update and the
/// per-subscriber work. A change that throws is reported and skipped: the worker always goes on.
/// </summary>
internal sealed class FanoutShard : IDisposable
{
    private readonly Channel<ShardWork> queue = Channel.CreateUnbounded<ShardWork>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<MarketChange, bool> applyToBoard;
    private readonly Action<MarketChange> deliver;
    private readonly Action<MarketChange, bool, Exception> failed;
    private readonly Task worker;

    /// <param name="applyToBoard">Applies a committed change to the board; false when it is not to be delivered (already applied, or a gap).</param>
    /// <param name="deliver">Offers a change the board holds to every subscriber.</param>
    /// <param name="failed">Told of a change whose board update (applied: false) or delivery (applied: true) threw.</param>
    public FanoutShard(Func<MarketChange, bool> applyToBoard, Action<MarketChange> deliver, Action<MarketChange, bool, Exception> failed)
    {
        this.applyToBoard = applyToBoard;
        this.deliver = deliver;
        this.failed = failed;
        worker = Task.Run(WorkAsync);
    }

    /// <summary>A committed change the board has yet to apply.</summary>
    public void EnqueueCommitted(MarketChange change) => queue.Writer.TryWrite(new ShardWork(change, Applied: false));

    /// <summary>A change the board already holds (a repair).</summary>
    public void EnqueueApplied(MarketChange change) => queue.Writer.TryWrite(new ShardWork(change, Applied: true));

    private async Task WorkAsync()
    {
        await foreach (var work in queue.Reader.ReadAllAsync())
        {
            var applied = work.Applied;
            try
            {
                if (!applied)
                {
                    if (!applyToBoard(work.Change)) continue;
                    applied = true;
                }
                deliver(work.Change);
            }
            catch (Exception e)
            {
                failed(work.Change, applied, e);
            }
        }
    }

    public void Dispose()
    {
        queue.Writer.TryComplete();
        worker.Wait(TimeSpan.FromSeconds(5));
    }

    private readonly record struct ShardWork(MarketChange Change, bool Applied);
}
