using MarketBlazor.Bench.Infrastructure;
using MarketBlazor.Bench.Load;

namespace MarketBlazor.Bench.Pgbench;

/// <summary>
/// One pgbench run: <see cref="TransactionsPerSecond"/> as pgbench reports it (connection time
/// excluded), the latency of every transaction from its per-transaction log, and the CPU pgbench
/// and the cluster spent over the run, when it was sampled.
/// </summary>
public sealed record PgbenchResult(TimeSpan Duration, long Transactions, double TransactionsPerSecond, LatencyStats Latency, CpuSample? Cpu);
