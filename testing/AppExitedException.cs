namespace MarketBlazor.Testing;

/// <summary>
/// The app process is gone: its exit code (with the signal that killed it, if one did) and its
/// last lines of output. An <see cref="InvalidOperationException"/>, like the one
/// <see cref="System.Diagnostics.Process"/> throws for an exited process, so callers that
/// already caught that keep working and now get the reason.
/// </summary>
internal sealed class AppExitedException(int exitCode, TimeSpan ranFor, IReadOnlyList<string> lastLines, string? outputFile, long peakWorkingSetBytes)
    : InvalidOperationException(Describe(exitCode, ranFor, lastLines, outputFile, peakWorkingSetBytes))
{
    public int ExitCode { get; } = exitCode;
    public IReadOnlyList<string> LastLines { get; } = lastLines;

    /// <summary>Where the app's whole output was kept, if it was.</summary>
    public string? OutputFile { get; } = outputFile;

    /// <summary>One line: the exit code, what it means and the peak memory seen; no output lines (for a table cell).</summary>
    public string Summary => Headline(ExitCode, ranFor, peakWorkingSetBytes);

    private static string Describe(int exitCode, TimeSpan ranFor, IReadOnlyList<string> lastLines, string? outputFile, long peakWorkingSetBytes) =>
        $"{Headline(exitCode, ranFor, peakWorkingSetBytes)}; its last {lastLines.Count} lines of output" +
        (outputFile is null ? "" : $" (all of it in {outputFile})") + ":\n" + string.Join('\n', lastLines);

    private static string Headline(int exitCode, TimeSpan ranFor, long peakWorkingSetBytes) =>
        $"the app exited with code {exitCode}{Meaning(exitCode)} after {ranFor.TotalSeconds:0.#} s" +
        (peakWorkingSetBytes > 0 ? $", peak resident memory seen {peakWorkingSetBytes >> 20:N0} MiB" : "");

    /// <summary>On Unix .NET reports a process killed by signal N as 128 + N.</summary>
    private static string Meaning(int exitCode) => exitCode switch
    {
        // Up to .NET 10 a host stopped by a failed BackgroundService (BackgroundServiceExceptionBehavior.StopHost) returns normally.
        0 => " (a clean stop nobody asked for: e.g. a BackgroundService threw and the host stopped)",
        134 => " (SIGABRT: an unhandled .NET exception or a runtime abort)",
        137 => " (SIGKILL: killed, e.g. by the kernel's out-of-memory killer)",
        139 => " (SIGSEGV)",
        143 => " (SIGTERM)",
        > 128 and < 160 => $" (signal {exitCode - 128})",
        _ => "",
    };
}
