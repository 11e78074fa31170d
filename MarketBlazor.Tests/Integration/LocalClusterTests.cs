using MarketBlazor.Data.LocalPostgres;
using MarketBlazor.Tests.Infrastructure;
using Npgsql;

namespace MarketBlazor.Tests.Integration;

public class LocalClusterTests
{
    [Fact]
    public void Without_server_binaries_the_hint_says_what_to_install()
    {
        var empty = Directory.CreateTempSubdirectory("no-postgres").FullName;

        Assert.Null(PostgresBinaries.FindBinDirectory(empty, Path.Combine(empty, "lib")));
        Assert.Contains("apt-get install -y postgresql", PostgresBinaries.InstallHint);
        Assert.Contains("ConnectionStrings:Market", PostgresBinaries.InstallHint);
    }

    [Fact]
    public void The_machines_server_binaries_are_found()
    {
        var bin = PostgresBinaries.FindBinDirectory();

        Assert.NotNull(bin);
        Assert.True(File.Exists(Path.Combine(bin, "pg_ctl")));
    }

    [Fact]
    public async Task A_running_cluster_is_reused_rather_than_started_again()
    {
        await TestCluster.ConnectionStringAsync();
        var messages = new List<string>();
        var again = new LocalCluster(TestCluster.Cluster.Options, messages.Add);

        var connectionString = await again.EnsureStartedAsync("reuse_check");

        Assert.Empty(messages);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        Assert.Equal("reuse_check", connection.Database);
    }

    [Fact]
    public void A_folder_the_postgres_user_cannot_reach_falls_back_to_the_temp_folder()
    {
        var locked = Directory.CreateTempSubdirectory("locked");
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("The private cluster is a Linux feature.");
        File.SetUnixFileMode(locked.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var wanted = Path.Combine(locked.FullName, "cluster");

        var chosen = LocalCluster.ReachableDataDirectory(wanted);

        if (Environment.UserName == "root")
            Assert.StartsWith(Path.Combine(Path.GetTempPath(), "marketblazor-pg-"), chosen);
        else
            Assert.Equal(wanted, chosen);
    }
}
