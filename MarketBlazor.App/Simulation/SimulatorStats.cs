using MarketBlazor.Data.Trading;

namespace MarketBlazor.App.Simulation;

/// <summary>A simulator's counters, for display. <see cref="Failed"/> counts orders that threw (e.g. the database was unreachable).</summary>
public sealed record SimulatorStats(
    bool Running,
    int TargetRate,
    long Sent,
    long Filled,
    IReadOnlyDictionary<RejectReason, long> Rejected,
    long Failed,
    double CurrentRate,
    double P50Milliseconds,
    double P99Milliseconds)
{
    public long RejectedTotal => Rejected.Values.Sum();
}
