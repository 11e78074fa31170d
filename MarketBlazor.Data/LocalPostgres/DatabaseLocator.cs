using Microsoft.Extensions.Configuration;
using Npgsql;

namespace MarketBlazor.Data.LocalPostgres;

/// <summary>
/// Decides which PostgreSQL the process uses: ConnectionStrings:Market when it answers; otherwise,
/// where a private cluster is allowed (development, tests, bench), one started from LocalPostgres:*.
/// </summary>
public static class DatabaseLocator
{
    public static async Task<string> ResolveAsync(IConfiguration configuration, bool allowLocalCluster, Action<string> log, CancellationToken cancellationToken = default)
    {
        var configured = configuration.GetConnectionString("Market");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (!allowLocalCluster || await AnswersAsync(configured, cancellationToken)) return configured;
            log("ConnectionStrings:Market does not answer; using the private development cluster instead.");
        }
        else if (!allowLocalCluster)
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Market is not set. Set it (environment variable ConnectionStrings__Market) to the production database.");
        }

        var section = configuration.GetSection("LocalPostgres");
        var root = RepositoryRoot.Find() ?? Directory.GetCurrentDirectory();
        var dataDirectory = LocalCluster.ReachableDataDirectory(
            Path.GetFullPath(section["DataDirectory"] ?? ".local/postgres", root));
        var port = int.TryParse(section["Port"], out var configuredPort) ? configuredPort : 54329;
        var cluster = new LocalCluster(new LocalClusterOptions(dataDirectory, port), log);
        return await cluster.EnsureStartedAsync(section["Database"] ?? "marketblazor", cancellationToken);
    }

    private static async Task<bool> AnswersAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 3, Pooling = false };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return false;
        }
    }
}
