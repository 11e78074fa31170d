using System.Collections.Concurrent;
using System.Diagnostics;

namespace MarketBlazor.Data.Trading;

/// <summary>
/// One market's orders in this process. Whoever holds the gate takes every order waiting behind
/// it and writes them as one batch, in arrival order: a hot market pays one round of reads and
/// one commit for many orders, and only writers in other processes can still fail the xmin check.
/// </summary>
internal sealed class MarketLane
{
    public const int MaxBatch = 64;

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ConcurrentQueue<PendingOrder> waiting = new();
    private long enteredAt;

    public void Enqueue(PendingOrder order) => waiting.Enqueue(order);

    public async Task<bool> EnterAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!await gate.WaitAsync(timeout, cancellationToken)) return false;
        Volatile.Write(ref enteredAt, Stopwatch.GetTimestamp());
        return true;
    }

    public void Leave() => gate.Release();

    /// <summary>How long the gate's current holder has held it (meaningless when nobody holds it).</summary>
    public TimeSpan HeldFor => Stopwatch.GetElapsedTime(Volatile.Read(ref enteredAt));

    /// <summary>The leader's own order first, then whatever else is still waiting, up to <see cref="MaxBatch"/>.</summary>
    public List<PendingOrder> TakeBatch(PendingOrder leader)
    {
        var batch = new List<PendingOrder> { leader };
        while (batch.Count < MaxBatch && waiting.TryDequeue(out var next))
            if (next != leader && next.TryClaim()) batch.Add(next);
        return batch;
    }
}
