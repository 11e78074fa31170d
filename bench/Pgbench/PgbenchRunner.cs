using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using MarketBlazor.Bench.Infrastructure;
using MarketBlazor.Bench.Load;
using MarketBlazor.Data.LocalPostgres;

namespace MarketBlazor.Bench.Pgbench;

/// <summary>Runs the machine's pgbench (-M prepared, no vacuum) against a bench database and reads its results.</summary>
public static partial class PgbenchRunner
{
    public static async Task<PgbenchResult> RunAsync(
        int port, string database, string script, int clients, TimeSpan duration, IReadOnlyDictionary<string, string> variables,
        Func<CpuSample>? sampleCpu, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("marketblazor-pgbench-");
        try
        {
            var scriptPath = Path.Combine(directory.FullName, "order.sql");
            await File.WriteAllTextAsync(scriptPath, script, cancellationToken);
            List<string> arguments =
            [
                "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-U", "postgres",
                "-n", "-M", "prepared",
                "-c", clients.ToString(CultureInfo.InvariantCulture),
                "-j", Math.Min(2, clients).ToString(CultureInfo.InvariantCulture),
                "-T", ((int)Math.Ceiling(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
                "-f", scriptPath,
                "-l", "--log-prefix", Path.Combine(directory.FullName, "tx"),
            ];
            foreach (var (name, value) in variables) arguments.AddRange(["-D", $"{name}={value}"]);
            arguments.Add(database);

            var cpuBefore = sampleCpu?.Invoke();
            var (exitCode, output) = await RunProcessAsync(Program(), arguments, directory.FullName, cancellationToken);
            var cpu = sampleCpu?.Invoke() - cpuBefore;
            if (exitCode != 0 || !output.Contains("number of failed transactions: 0", StringComparison.Ordinal) || output.Contains("aborted", StringComparison.Ordinal))
                throw new InvalidOperationException($"pgbench failed (exit {exitCode}):\n{output}\nScript:\n{script}");

            var tps = double.Parse(Tps().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
            var latencies = new List<double>();
            foreach (var log in directory.GetFiles("tx.*"))
            {
                foreach (var line in await File.ReadAllLinesAsync(log.FullName, cancellationToken))
                {
                    // client_id transaction_no time script_no time_epoch time_us: time is the latency in µs.
                    var fields = line.Split(' ');
                    if (fields.Length >= 3 && long.TryParse(fields[2], CultureInfo.InvariantCulture, out var micros))
                        latencies.Add(micros / 1000.0);
                }
            }
            return new PgbenchResult(duration, latencies.Count, tps, new LatencyStats(latencies), cpu);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>pgbench from the same PostgreSQL installation as the cluster's server, else whichever is on PATH.</summary>
    private static string Program()
    {
        var bin = PostgresBinaries.FindBinDirectory();
        return bin is not null && File.Exists(Path.Combine(bin, "pgbench")) ? Path.Combine(bin, "pgbench") : "pgbench";
    }

    private static async Task<(int ExitCode, string Output)> RunProcessAsync(
        string program, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return (process.ExitCode, await stdout + await stderr);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();
}
