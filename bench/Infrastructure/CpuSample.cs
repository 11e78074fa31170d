namespace MarketBlazor.Bench.Infrastructure;

/// <summary>Cumulative CPU time at one moment; subtract two samples to get a run's share.</summary>
public readonly record struct CpuSample(TimeSpan Bench, TimeSpan Children, TimeSpan Postgres)
{
    public static CpuSample operator -(CpuSample after, CpuSample before) =>
        new(after.Bench - before.Bench, after.Children - before.Children, after.Postgres - before.Postgres);
}
