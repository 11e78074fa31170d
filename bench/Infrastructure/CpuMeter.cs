using System.Globalization;

namespace MarketBlazor.Bench.Infrastructure;

/// <summary>
/// CPU time spent by the bench process, by the processes it has started and reaped (pgbench),
/// and by one PostgreSQL cluster (postmaster, live backends, and backends that have exited),
/// read from /proc. Dividing by the orders a run placed gives CPU per order: a figure the other
/// work on a shared machine barely moves, unlike throughput.
/// </summary>
public sealed class CpuMeter(string dataDirectory)
{
    // /proc/<pid>/stat counts in clock ticks; USER_HZ is 100 on every Linux this runs on.
    private const double TicksPerSecond = 100;

    public CpuSample Sample() => new(Self(), ReapedChildren(), Postgres());

    private static TimeSpan Self() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;

    private static TimeSpan ReapedChildren()
    {
        var stat = Fields("self")!;
        return Ticks(stat[13]) + Ticks(stat[14]);
    }

    private TimeSpan Postgres()
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile)) return TimeSpan.Zero;
        var postmaster = File.ReadLines(pidFile).First().Trim();
        var total = TimeSpan.Zero;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            var pid = Path.GetFileName(directory);
            if (!char.IsAsciiDigit(pid[0])) continue;
            var stat = Fields(pid);
            if (stat is null) continue;
            if (pid == postmaster)
                total += Ticks(stat[11]) + Ticks(stat[12]) + Ticks(stat[13]) + Ticks(stat[14]);
            else if (stat[1] == postmaster)
                total += Ticks(stat[11]) + Ticks(stat[12]);
        }
        return total;
    }

    /// <summary>The fields after the command name (which may hold spaces): [0] is state, [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime.</summary>
    private static string[]? Fields(string pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static TimeSpan Ticks(string field) => TimeSpan.FromSeconds(long.Parse(field, CultureInfo.InvariantCulture) / TicksPerSecond);
}
