using MarketBlazor.Bench.Infrastructure;

namespace MarketBlazor.Bench.Load;

/// <summary>
/// One measured run of a closed-loop load: every client sends its next order as soon as the last
/// one answered. <see cref="Accepted"/> counts orders that committed a trade; the rejections by
/// reason say what happened to the rest. <see cref="Cpu"/> is the CPU spent during the measured
/// window, when it was sampled.
/// </summary>
public sealed record LoadResult(
    TimeSpan Measured,
    long Orders,
    long Accepted,
    IReadOnlyDictionary<string, long> Rejections,
    LatencyStats Latency,
    CpuSample? Cpu)
{
    public double OrdersPerSecond => Orders / Measured.TotalSeconds;
    public double AcceptedPerSecond => Accepted / Measured.TotalSeconds;
    public double AcceptanceRate => Orders == 0 ? double.NaN : (double)Accepted / Orders;

    public string RejectionSummary => Rejections.Count == 0
        ? "-"
        : string.Join(", ", Rejections.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {r.Value}"));
}
