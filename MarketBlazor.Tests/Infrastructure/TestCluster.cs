using MarketBlazor.Data;
using MarketBlazor.Data.LocalPostgres;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL cluster per test run, on a free port under the temp folder, migrated
/// once; never the development database. Stopped and deleted when the test process exits.
/// </summary>
public static class TestCluster
{
    private static readonly Lazy<Task<string>> Started = new(StartAsync);
    private static LocalCluster? cluster;

    /// <summary>Connection string to the migrated test database.</summary>
    public static Task<string> ConnectionStringAsync() => Started.Value;

    public static LocalCluster Cluster => cluster ?? throw new InvalidOperationException("The test cluster has not started yet.");

    /// <summary>A migrated database of its own on the shared cluster, for tests that must not share rows (e.g. separate app processes).</summary>
    public static async Task<string> CreateDatabaseAsync(string name)
    {
        await ConnectionStringAsync();
        var connectionString = await Cluster.EnsureStartedAsync(name);
        await MigrateAsync(connectionString);
        return connectionString;
    }

    private static async Task<string> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"marketblazor-tests-{Environment.ProcessId}-{Guid.NewGuid():N}"[..48]);
        // Durability off: a test cluster is thrown away, and fsync dominates a 2-core machine's test time.
        cluster = new LocalCluster(new LocalClusterOptions(directory, FreePort.Next(), "-c fsync=off -c full_page_writes=off -c synchronous_commit=off"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.StopAsync(deleteData: true).GetAwaiter().GetResult();
        var connectionString = await cluster.EnsureStartedAsync("marketblazor_tests");
        await MigrateAsync(connectionString);
        return connectionString;
    }

    public static async Task MigrateAsync(string connectionString)
    {
        await using var db = new MarketDbContext(MarketDbOptions.For(connectionString));
        await db.Database.MigrateAsync();
    }
}
