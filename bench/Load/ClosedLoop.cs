using System.Diagnostics;
using MarketBlazor.Bench.Infrastructure;

namespace MarketBlazor.Bench.Load;

/// <summary>
/// Runs <c>clients</c> concurrent loops that each place an order, wait for its answer and place
/// the next, like pgbench's clients. Orders that finish during the warm-up (JIT, connection
/// pool, plan caches) are not counted; the measured window is the same length pgbench runs.
/// </summary>
public static class ClosedLoop
{
    /// <param name="placeOrder">Places client <c>i</c>'s next order (its own <see cref="Random"/> is passed in) and says how it ended.</param>
    /// <param name="sampleCpu">Read at the start and the end of the measured window, when given.</param>
    public static async Task<LoadResult> RunAsync(
        int clients,
        TimeSpan warmUp,
        TimeSpan measured,
        Func<int, Random, CancellationToken, Task<OrderOutcome>> placeOrder,
        Func<CpuSample>? sampleCpu,
        CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var cpu = sampleCpu is null ? Task.FromResult<CpuSample?>(null) : Task.Run(async () =>
        {
            await Task.Delay(warmUp, cancellationToken);
            var before = sampleCpu();
            await Task.Delay(measured, cancellationToken);
            return (CpuSample?)(sampleCpu() - before);
        }, cancellationToken);
        var measureFrom = start + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var measureUntil = measureFrom + (long)(measured.TotalSeconds * Stopwatch.Frequency);
        var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var random = new Random(client * 7919 + 17);
            var samples = new ClientSamples();
            while (!cancellationToken.IsCancellationRequested)
            {
                var sent = Stopwatch.GetTimestamp();
                if (sent >= measureUntil) break;
                var outcome = await placeOrder(client, random, cancellationToken);
                var answered = Stopwatch.GetTimestamp();
                if (sent < measureFrom || answered > measureUntil) continue;
                samples.Add(Stopwatch.GetElapsedTime(sent, answered).TotalMilliseconds, outcome);
            }
            return samples;
        }, cancellationToken)));
        cancellationToken.ThrowIfCancellationRequested();

        var rejections = perClient.SelectMany(c => c.Rejections)
            .GroupBy(r => r.Key)
            .ToDictionary(g => g.Key, g => g.Sum(r => r.Value));
        return new LoadResult(
            measured,
            perClient.Sum(c => c.Orders),
            perClient.Sum(c => c.Accepted),
            rejections,
            new LatencyStats(perClient.SelectMany(c => c.Latencies)),
            await cpu);
    }

    private sealed class ClientSamples
    {
        public List<double> Latencies { get; } = [];
        public Dictionary<string, long> Rejections { get; } = [];
        public long Orders { get; private set; }
        public long Accepted { get; private set; }

        public void Add(double milliseconds, OrderOutcome outcome)
        {
            Orders++;
            Latencies.Add(milliseconds);
            if (outcome.Filled) Accepted++;
            else Rejections[outcome.Rejection ?? "unknown"] = Rejections.GetValueOrDefault(outcome.Rejection ?? "unknown") + 1;
        }
    }
}
