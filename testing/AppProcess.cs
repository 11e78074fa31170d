using System.Diagnostics;

namespace MarketBlazor.Testing;

/// <summary>
/// The app as a separate OS process on its own loopback port, killed (with any children) on
/// dispose. One launcher for the tests (a second "instance" sharing only the database) and the
/// bench (the app as it runs in production); each adds its launch profile in a partial of its own.
/// Keeps the last <see cref="KeptOutputLines"/> lines of the app's output, and all of it in
/// <see cref="AppLaunch.OutputFile"/> when asked, so that when the app dies its exit code and
/// last words are reported (<see cref="AppExitedException"/>) rather than "Process has exited".
/// </summary>
internal sealed partial class AppProcess : IAsyncDisposable
{
    public const int KeptOutputLines = 200;

    private static readonly TimeSpan PeakSamplingInterval = TimeSpan.FromSeconds(1);

    private readonly Process process;
    private readonly AppLaunch launch;
    private readonly Queue<string> lastLines = new();
    private readonly Stopwatch running = Stopwatch.StartNew();
    private readonly Timer peakSampler;
    private readonly Task<AppExitedException> exited;
    private StreamWriter? outputFile;
    private long peakWorkingSetBytes;
    private volatile bool stopping;

    private AppProcess(Process process, AppLaunch launch, Uri address, StreamWriter? outputFile)
    {
        this.process = process;
        this.launch = launch;
        this.outputFile = outputFile;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        peakSampler = new Timer(_ => SamplePeak(), null, TimeSpan.Zero, PeakSamplingInterval);
        exited = WatchExitAsync();
    }

    public Uri Address { get; }

    /// <summary>A client on <see cref="Address"/> (30 s timeout).</summary>
    public HttpClient Client { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Completes when the process has exited (and its output has been read to the end), with the report of how.</summary>
    public Task<AppExitedException> Exited => exited;

    /// <summary>The app process's resident memory now.</summary>
    /// <exception cref="AppExitedException">The app has exited.</exception>
    public long WorkingSetBytes => Read(p => p.WorkingSet64);

    /// <summary>CPU the app process has used so far.</summary>
    /// <exception cref="AppExitedException">The app has exited.</exception>
    public TimeSpan Cpu => Read(p => p.TotalProcessorTime);

    /// <summary>The highest resident memory seen so far (sampled every second, and on every <see cref="WorkingSetBytes"/>).</summary>
    public long PeakWorkingSetBytes => Interlocked.Read(ref peakWorkingSetBytes);

    public string LastOutput
    {
        get
        {
            lock (lastLines) return string.Join('\n', lastLines);
        }
    }

    public static async Task<AppProcess> StartAsync(AppLaunch launch, CancellationToken cancellationToken)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var start = new ProcessStartInfo(launch.FileName, [.. launch.Arguments, "--urls", address.ToString().TrimEnd('/')])
        {
            WorkingDirectory = launch.WorkingDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in launch.Environment) start.Environment[name.Replace(":", "__")] = value;

        StreamWriter? outputFile = null;
        if (launch.OutputFile is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(launch.OutputFile))!);
            outputFile = new StreamWriter(launch.OutputFile) { AutoFlush = true };
        }
        launch.Log?.Invoke($"starting the app: {string.Join(' ', start.ArgumentList)}" + (launch.OutputFile is null ? "" : $", output in {launch.OutputFile}"));
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {launch.FileName}.");
        }
        catch
        {
            outputFile?.Dispose();
            throw;
        }
        var app = new AppProcess(process, launch, address, outputFile);
        try
        {
            await app.WaitUntilServingAsync(cancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>The report of how the app died, or null while it runs.</summary>
    public AppExitedException? ExitReport()
    {
        if (!process.HasExited) return null;
        // The process is gone but its last lines may still be in the pipe: wait (briefly) for them.
        return exited.Wait(TimeSpan.FromSeconds(5)) ? exited.Result : Report();
    }

    private async Task WaitUntilServingAsync(CancellationToken cancellationToken)
    {
        using var probe = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) throw await exited;
            try
            {
                using var response = await probe.GetAsync(launch.ReadyPath, cancellationToken);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            if (waited.Elapsed > launch.StartupTimeout)
                throw new TimeoutException($"The app did not answer GET {launch.ReadyPath} within {launch.StartupTimeout.TotalSeconds:0} s; its last lines:\n{LastOutput}");
            await Task.Delay(100, cancellationToken);
        }
    }

    private async Task<AppExitedException> WatchExitAsync()
    {
        // With redirected output, this also waits until both pipes are read to the end.
        await process.WaitForExitAsync(CancellationToken.None);
        var report = Report();
        if (!stopping)
        {
            launch.Log?.Invoke(report.Message);
            lock (lastLines) outputFile?.WriteLine($"[{nameof(AppProcess)}] {report.Summary}");
        }
        return report;
    }

    private AppExitedException Report() =>
        new(process.ExitCode, running.Elapsed, LastLines(), launch.OutputFile, PeakWorkingSetBytes);

    private string[] LastLines()
    {
        lock (lastLines) return lastLines.ToArray();
    }

    private T Read<T>(Func<Process, T> property)
    {
        try
        {
            lock (process)
            {
                if (process.HasExited) throw ExitReport()!;
                process.Refresh();
                var value = property(process);
                RaisePeak(process.WorkingSet64);
                return value;
            }
        }
        catch (InvalidOperationException e) when (e is not AppExitedException && process.HasExited)
        {
            throw ExitReport()!;
        }
    }

    /// <summary>The kernel's own high-water mark of the process's resident memory (VmHWM), where there is a /proc.</summary>
    private void SamplePeak()
    {
        try
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null && long.TryParse(line["VmHWM:".Length..].Trim().Split(' ')[0], out var kilobytes)) RaisePeak(kilobytes * 1024);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // No /proc (not Linux), or the process is already gone: the last sample stands.
        }
    }

    private void RaisePeak(long bytes)
    {
        var peak = Interlocked.Read(ref peakWorkingSetBytes);
        while (bytes > peak)
        {
            var seen = Interlocked.CompareExchange(ref peakWorkingSetBytes, bytes, peak);
            if (seen == peak) return;
            peak = seen;
        }
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (lastLines)
        {
            lastLines.Enqueue(line);
            if (lastLines.Count > KeptOutputLines) lastLines.Dequeue();
            outputFile?.WriteLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        stopping = true;
        await peakSampler.DisposeAsync();
        Client.Dispose();
        try
        {
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException) when (process.HasExited)
            {
                // It exited between the check and the kill.
            }
            await exited;
        }
        finally
        {
            lock (lastLines)
            {
                outputFile?.Dispose();
                outputFile = null;
            }
            process.Dispose();
        }
    }
}
