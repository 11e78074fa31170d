using System.Diagnostics;
using Npgsql;

namespace MarketBlazor.Data.LocalPostgres;

/// <summary>
/// A private PostgreSQL cluster started from the machine's server binaries, for development
/// and tests. Reuses a cluster already running on the port (e.g. across dotnet watch restarts).
/// PostgreSQL refuses to run as root, so as root every server command runs as 'postgres'.
/// </summary>
public sealed class LocalCluster(LocalClusterOptions options, Action<string>? log = null)
{
    private const string ServiceUser = "postgres";
    private static readonly bool IsRoot = Environment.UserName == "root";

    public LocalClusterOptions Options { get; } = options;

    /// <summary>Starts the cluster unless it is already accepting connections, then makes sure <paramref name="database"/> exists.</summary>
    /// <returns>The connection string to <paramref name="database"/>.</returns>
    public async Task<string> EnsureStartedAsync(string database, CancellationToken cancellationToken = default)
    {
        if (!await AcceptsConnectionsAsync(cancellationToken))
        {
            var bin = PostgresBinaries.FindBinDirectory() ?? throw new LocalClusterException(PostgresBinaries.InstallHint);
            var dataDirectory = Options.DataDirectory;
            if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
                await InitializeAsync(bin, dataDirectory, cancellationToken);
            await StartAsync(bin, dataDirectory, cancellationToken);
        }
        await CreateDatabaseIfMissingAsync(database, cancellationToken);
        return Options.ConnectionString(database);
    }

    /// <summary>Stops the server immediately (test clusters are throwaway).</summary>
    public async Task StopAsync(bool deleteData)
    {
        var bin = PostgresBinaries.FindBinDirectory();
        if (bin is not null && File.Exists(Path.Combine(Options.DataDirectory, "postmaster.pid")))
            await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", Options.DataDirectory, "-m", "immediate", "-w", "stop"], CancellationToken.None, throwOnError: false);
        if (deleteData && Directory.Exists(Options.DataDirectory))
            Directory.Delete(Options.DataDirectory, recursive: true);
    }

    /// <summary>
    /// <paramref name="preferred"/> if the service user can reach it (every parent traversable),
    /// else a folder under the system temp directory named after it.
    /// </summary>
    public static string ReachableDataDirectory(string preferred)
    {
        if (!IsRoot || CanServiceUserReach(preferred)) return preferred;
        return Path.Combine(Path.GetTempPath(), "marketblazor-pg-" + StableHash(Path.GetFullPath(preferred)));
    }

    private async Task<bool> AcceptsConnectionsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(Options.ConnectionString("postgres") + ";Timeout=2;Pooling=false");
            await connection.OpenAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private async Task InitializeAsync(string bin, string dataDirectory, CancellationToken cancellationToken)
    {
        log?.Invoke($"Creating a private PostgreSQL cluster in {dataDirectory}");
        Directory.CreateDirectory(dataDirectory);
        if (IsRoot) await RunAsync("chown", [$"{ServiceUser}:{ServiceUser}", dataDirectory], cancellationToken);
        await RunAsync(Path.Combine(bin, "initdb"),
            ["-D", dataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"],
            cancellationToken);
    }

    private async Task StartAsync(string bin, string dataDirectory, CancellationToken cancellationToken)
    {
        log?.Invoke($"Starting PostgreSQL on 127.0.0.1:{Options.Port} ({dataDirectory})");
        // TCP on loopback only, no Unix socket (its default folder may not exist or be writable).
        var serverOptions = $"-p {Options.Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=300 {QueryStatisticsSetting(bin)}{Options.ServerSettings}";
        await RunAsync(Path.Combine(bin, "pg_ctl"),
            ["-D", dataDirectory, "-o", serverOptions, "-l", Path.Combine(dataDirectory, "server.log"), "-w", "-t", "60", "start"],
            cancellationToken);
    }

    /// <summary>
    /// Preloads pg_stat_statements (the admin insights page reads it) when the server package ships it;
    /// without it the cluster still starts and the page says the statistics are unavailable.
    /// </summary>
    private static string QueryStatisticsSetting(string bin)
    {
        // The server's own folder (bin may hold links to it, e.g. /usr/local/bin), whose ../lib has the modules.
        var pgCtl = new FileInfo(Path.Combine(bin, "pg_ctl"));
        var serverBin = Path.GetDirectoryName(pgCtl.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? pgCtl.FullName)!;
        return File.Exists(Path.Combine(serverBin, "..", "lib", "pg_stat_statements.so"))
            ? "-c shared_preload_libraries=pg_stat_statements "
            : "";
    }

    private async Task CreateDatabaseIfMissingAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(Options.ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null) return;
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"")}\"", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    // Folders we create below the nearest existing one are root-owned 0755, hence traversable.
    private static bool CanServiceUserReach(string directory)
    {
        var existing = Path.GetFullPath(directory);
        while (!Directory.Exists(existing)) existing = Path.GetDirectoryName(existing) ?? "/";
        using var probe = Process.Start(new ProcessStartInfo("runuser", ["-u", ServiceUser, "--", "test", "-x", existing])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        });
        if (probe is null) return false;
        probe.WaitForExit();
        return probe.ExitCode == 0;
    }

    private static string StableHash(string text) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..12].ToLowerInvariant();

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken, bool throwOnError = true)
    {
        var runAsServiceUser = IsRoot && program != "chown";
        var start = runAsServiceUser
            ? new ProcessStartInfo("runuser", ["-u", ServiceUser, "--", program, .. arguments])
            : new ProcessStartInfo(program, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        // The child must not inherit our working directory if the service user cannot enter it.
        start.WorkingDirectory = "/";
        using var process = Process.Start(start) ?? throw new LocalClusterException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 && throwOnError)
            throw new LocalClusterException($"{Path.GetFileName(program)} failed (exit {process.ExitCode}): {await stderr}{await stdout}");
    }
}
