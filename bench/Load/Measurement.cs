using MarketBlazor.Bench.Infrastructure;
using MarketBlazor.Bench.Pgbench;

namespace MarketBlazor.Bench.Load;

/// <summary>
/// One system's figures for one load, the app's and pgbench's alike. CPU per order is in
/// microseconds: <see cref="ClientCpu"/> is the process sending the orders (the bench running
/// the trade service, or pgbench), <see cref="PostgresCpu"/> the cluster; NaN when not sampled.
/// A repeated load is summarised by <see cref="Median"/>: each figure is the median over the
/// repetitions, and the latency distribution kept for charts is the median-throughput one's.
/// </summary>
public sealed record Measurement(
    double OrdersPerSecond,
    double AcceptedPerSecond,
    double AcceptanceRate,
    double P50,
    double P99,
    double ClientCpu,
    double PostgresCpu,
    LatencyStats Latency,
    string Rejections)
{
    public static Measurement Of(LoadResult load) => new(
        load.OrdersPerSecond, load.AcceptedPerSecond, load.AcceptanceRate, load.Latency.P50, load.Latency.P99,
        PerOrder(load.Cpu?.Bench, load.Orders), PerOrder(load.Cpu?.Postgres, load.Orders),
        load.Latency, load.RejectionSummary);

    /// <param name="accepted">Transactions that committed a trade.</param>
    public static Measurement Of(PgbenchResult run, long accepted)
    {
        var rate = run.Transactions > 0 ? Math.Min(1.0, (double)accepted / run.Transactions) : double.NaN;
        return new(run.TransactionsPerSecond, run.TransactionsPerSecond * rate, rate, run.Latency.P50, run.Latency.P99,
            PerOrder(run.Cpu?.Children, run.Transactions), PerOrder(run.Cpu?.Postgres, run.Transactions),
            run.Latency, rate < 1 ? $"xmin mismatch {Math.Max(0, run.Transactions - accepted):N0}" : "-");
    }

    public static Measurement Median(IReadOnlyList<Measurement> repetitions)
    {
        if (repetitions.Count == 0) throw new ArgumentException("No repetitions to summarise.", nameof(repetitions));
        var middle = repetitions.OrderBy(r => r.OrdersPerSecond).ElementAt(repetitions.Count / 2);
        return new(
            MedianOf(r => r.OrdersPerSecond), MedianOf(r => r.AcceptedPerSecond), MedianOf(r => r.AcceptanceRate),
            MedianOf(r => r.P50), MedianOf(r => r.P99), MedianOf(r => r.ClientCpu), MedianOf(r => r.PostgresCpu),
            middle.Latency, middle.Rejections);

        double MedianOf(Func<Measurement, double> figure)
        {
            var values = repetitions.Select(figure).Order().ToArray();
            return values.Length % 2 == 1 ? values[values.Length / 2] : (values[values.Length / 2 - 1] + values[values.Length / 2]) / 2;
        }
    }

    private static double PerOrder(TimeSpan? cpu, long orders) =>
        cpu is { } time && orders > 0 ? time.TotalMicroseconds / orders : double.NaN;
}
