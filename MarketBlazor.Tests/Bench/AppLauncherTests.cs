namespace MarketBlazor.Tests.Bench;

/// <summary>
/// The shared app launcher says how a process died: its exit code and its last lines, with the
/// whole output in a file when asked. A shell script stands in for an app that dies while starting.
/// </summary>
public class AppLauncherTests : IDisposable
{
    private const int PrintedLines = 250;
    private readonly string outputFile = Path.Combine(Path.GetTempPath(), $"marketblazor-launcher-{Guid.NewGuid():N}", "app.log");

    private AppLaunch DyingScript() =>
        new("/bin/sh", ["-c", $"for i in $(seq 1 {PrintedLines}); do echo line $i; done; echo 'dying now' >&2; exit 3"])
        {
            OutputFile = outputFile,
            StartupTimeout = TimeSpan.FromSeconds(30),
        };

    [Fact]
    public async Task A_process_that_dies_while_starting_is_reported_with_its_exit_code_and_last_lines()
    {
        var logged = new List<string>();
        var death = await Assert.ThrowsAsync<AppExitedException>(
            () => AppProcess.StartAsync(DyingScript() with { Log = line => { lock (logged) logged.Add(line); } }, CancellationToken.None));

        Assert.Equal(3, death.ExitCode);
        Assert.Equal(AppProcess.KeptOutputLines, death.LastLines.Count);
        Assert.Contains($"line {PrintedLines}", death.LastLines);
        Assert.DoesNotContain("line 1", death.LastLines);
        Assert.StartsWith("the app exited with code 3 after", death.Message);
        Assert.Contains($"line {PrintedLines}", death.Message);
        lock (logged) Assert.Contains(logged, line => line.StartsWith("the app exited with code 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_whole_output_both_streams_is_kept_in_the_output_file()
    {
        await Assert.ThrowsAsync<AppExitedException>(() => AppProcess.StartAsync(DyingScript(), CancellationToken.None));

        var lines = await File.ReadAllLinesAsync(outputFile);
        Assert.Equal(Enumerable.Range(1, PrintedLines).Select(i => $"line {i}"), lines.Where(l => l.StartsWith("line ", StringComparison.Ordinal)));
        // Standard error too (in the ring buffer as well, but where it falls among stdout's lines depends on which pipe is read first).
        Assert.Contains("dying now", lines);
        Assert.Contains(lines, line => line.Contains("exited with code 3", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(134, "SIGABRT")]
    [InlineData(137, "SIGKILL")]
    [InlineData(0, "BackgroundService")]
    [InlineData(1, "code 1 after")]
    public void An_exit_code_from_a_signal_is_named(int exitCode, string expected)
    {
        var death = new AppExitedException(exitCode, TimeSpan.FromSeconds(2), ["last"], null, 512L << 20);

        Assert.Contains(expected, death.Summary);
        Assert.Contains("peak resident memory seen 512 MiB", death.Summary);
    }

    public void Dispose()
    {
        if (File.Exists(outputFile)) Directory.Delete(Path.GetDirectoryName(outputFile)!, recursive: true);
    }
}
