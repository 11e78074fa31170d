namespace MarketBlazor.Data.LocalPostgres;

/// <summary>Finds the server binaries (initdb, pg_ctl): on PATH, else the newest /usr/lib/postgresql/*/bin.</summary>
public static class PostgresBinaries
{
    public const string InstallHint =
        "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or under /usr/lib/postgresql/*/bin. " +
        "Install them (Debian/Ubuntu: sudo apt-get install -y postgresql) or set ConnectionStrings:Market to a reachable server.";

    public static string? FindBinDirectory() =>
        FindBinDirectory(Environment.GetEnvironmentVariable("PATH") ?? "", "/usr/lib/postgresql");

    public static string? FindBinDirectory(string searchPath, string versionedRoot)
    {
        var candidates = searchPath
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(Directory.Exists(versionedRoot)
                ? Directory.GetDirectories(versionedRoot)
                    .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var major) ? major : 0)
                    .Select(d => Path.Combine(d, "bin"))
                : []);
        return candidates.FirstOrDefault(dir =>
            File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")));
    }
}
