using MarketBlazor.Data;
using MarketBlazor.Data.LocalPostgres;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.Bench.Infrastructure;

/// <summary>
/// A private PostgreSQL cluster for one bench run, on a free port under the temp folder, with
/// durability as in production (fsync and synchronous_commit on: every commit waits for its WAL
/// flush), unlike the test cluster. Stopped and deleted on dispose, also when the run fails.
/// </summary>
public sealed class BenchCluster : IAsyncDisposable
{
    private const string Durable = "-c fsync=on -c synchronous_commit=on -c full_page_writes=on";

    private readonly LocalCluster cluster;

    private BenchCluster(LocalCluster cluster) => this.cluster = cluster;

    public int Port => cluster.Options.Port;

    /// <summary>Reads the CPU time of this cluster, of the bench process and of the processes it reaped.</summary>
    public CpuMeter Cpu => new(cluster.Options.DataDirectory);

    public static async Task<BenchCluster> StartAsync(Action<string> log, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"marketblazor-bench-{Environment.ProcessId}-{Guid.NewGuid():N}"[..48]);
        var bench = new BenchCluster(new LocalCluster(new LocalClusterOptions(directory, FreePort.Next(), Durable), log));
        try
        {
            await bench.cluster.EnsureStartedAsync("postgres", cancellationToken);
            return bench;
        }
        catch
        {
            await bench.DisposeAsync();
            throw;
        }
    }

    /// <summary>A new, migrated, empty database on this cluster.</summary>
    /// <returns>Its connection string.</returns>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        var connectionString = await cluster.EnsureStartedAsync(name, cancellationToken);
        await using var db = new MarketDbContext(MarketDbOptions.For(connectionString));
        await db.Database.MigrateAsync(cancellationToken);
        return connectionString;
    }

    public async ValueTask DisposeAsync() => await cluster.StopAsync(deleteData: true);
}
