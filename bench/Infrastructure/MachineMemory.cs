using System.Globalization;

namespace MarketBlazor.Bench.Infrastructure;

internal static class MachineMemory
{
    /// <summary>MemAvailable from /proc/meminfo: what can still be allocated without swapping or the OOM killer.</summary>
    public static long AvailableBytes()
    {
        var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemAvailable:", StringComparison.Ordinal));
        if (line is null) return long.MaxValue;
        var kilobytes = line["MemAvailable:".Length..].Trim().Split(' ')[0];
        return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
    }
}
