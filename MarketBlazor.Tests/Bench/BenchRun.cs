using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MarketBlazor.Tests.Infrastructure;

namespace MarketBlazor.Tests.Bench;

/// <summary>
/// The bench's own command (<c>dotnet MarketBlazor.Bench.dll &lt;scenario&gt; --tiny</c>) run to its
/// exit as a separate process: its exit code, its <c>name=value</c> figures (the last lines of its
/// standard output) and the whole output. The tests never compile against the bench.
/// </summary>
internal sealed partial record BenchRun(int ExitCode, IReadOnlyDictionary<string, double> Figures, string Output, string Progress)
{
    /// <summary>Time the bench gets to stop its clusters and app processes after SIGTERM before it is killed.</summary>
    private static readonly TimeSpan GraceAfterTerminate = TimeSpan.FromSeconds(30);

    /// <param name="progress">Each line of the bench's progress (its standard error) as it comes.</param>
    public static async Task<BenchRun> RunAsync(string scenario, Action<string> progress, TimeSpan timeout)
    {
        var dll = BuildOutput.BenchDll();
        // The charts are drawn (that code runs too) but not over a developer's own in bench/results/charts.
        var charts = Path.Combine(Path.GetTempPath(), $"marketblazor-bench-smoke-{Guid.NewGuid():N}");
        try
        {
            return await RunAsync(dll, [scenario, "--tiny", "--charts", charts], progress, timeout);
        }
        finally
        {
            if (Directory.Exists(charts)) Directory.Delete(charts, recursive: true);
        }
    }

    private static async Task<BenchRun> RunAsync(string dll, string[] arguments, Action<string> progress, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet", [dll, .. arguments])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var bench = Process.Start(start)!;
        var errors = new StringBuilder();
        bench.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (errors) errors.AppendLine(e.Data);
            progress(e.Data);
        };
        bench.BeginErrorReadLine();
        var output = bench.StandardOutput.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await bench.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            await StopAsync(bench);
            throw new TimeoutException($"bench {string.Join(' ', arguments)} did not finish within {timeout.TotalMinutes:0} min:\n{await output}\n{Text(errors)}");
        }
        var stdout = await output;
        return new BenchRun(bench.ExitCode, ParseFigures(stdout), stdout, Text(errors));
    }

    private static Dictionary<string, double> ParseFigures(string output)
    {
        var figures = new Dictionary<string, double>();
        foreach (Match figure in FigureLine().Matches(output))
            figures[figure.Groups["name"].Value] = double.Parse(figure.Groups["value"].Value, CultureInfo.InvariantCulture);
        return figures;
    }

    /// <summary>SIGTERM first, so the bench stops the clusters and apps it started; killed if it does not exit in time.</summary>
    private static async Task StopAsync(Process bench)
    {
        using (var terminate = Process.Start("kill", ["-TERM", bench.Id.ToString(CultureInfo.InvariantCulture)])) await terminate.WaitForExitAsync();
        using var grace = new CancellationTokenSource(GraceAfterTerminate);
        try
        {
            await bench.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            bench.Kill(entireProcessTree: true);
        }
    }

    private static string Text(StringBuilder lines)
    {
        lock (lines) return lines.ToString();
    }

    [GeneratedRegex(@"^(?<name>[a-z][a-z0-9_]*)=(?<value>NaN|-?[0-9]+(\.[0-9]+)?)\r?$", RegexOptions.Multiline)]
    private static partial Regex FigureLine();
}
