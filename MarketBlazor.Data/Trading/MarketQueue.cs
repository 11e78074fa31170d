using System.Collections.Concurrent;

namespace MarketBlazor.Data.Trading;

/// <summary>
/// Lets one order per market at a time through this process. Without it, concurrent orders
/// on a hot market all read the same row version and all but one fail the xmin check; with
/// it, the optimistic check only has to catch writers in other processes.
/// </summary>
internal sealed class MarketQueue
{
    private readonly ConcurrentDictionary<int, SemaphoreSlim> gates = new();

    /// <returns>A lease to dispose when done, or null when the wait timed out.</returns>
    public async Task<IDisposable?> EnterAsync(int marketId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var gate = gates.GetOrAdd(marketId, static _ => new SemaphoreSlim(1, 1));
        return await gate.WaitAsync(timeout, cancellationToken) ? new Lease(gate) : null;
    }

    private sealed class Lease(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) gate.Release();
        }
    }
}
