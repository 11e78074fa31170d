using System.Diagnostics;
using System.Reflection;
using MarketBlazor.Data.LocalPostgres;

namespace MarketBlazor.Bench.Infrastructure;

/// <summary>
/// The app as a separate process, as it runs in production: the build made with the bench's own
/// configuration (Release under <c>dotnet run -c Release</c>), <c>ASPNETCORE_ENVIRONMENT=Production</c>,
/// on a free loopback port, against a bench database, with the diagnostics endpoints on. Killed
/// (with any children) on dispose.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 60;

    private readonly Process process;
    private readonly Queue<string> output = new();

    private AppProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>CPU the app process has used so far.</summary>
    public TimeSpan Cpu
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    public static async Task<AppProcess> StartAsync(string connectionString, Action<string> log, CancellationToken cancellationToken)
    {
        var dll = AppDll();
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", address.ToString().TrimEnd('/')])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Market"] = connectionString;
        start.Environment["Diagnostics__Enabled"] = "true";
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        log($"starting the app: {dll} on {address}");
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}.");
        var app = new AppProcess(process, address);
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
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

    /// <summary>The app's build next to this repository's bench, in the bench's configuration.</summary>
    private static string AppDll()
    {
        var configuration = typeof(AppProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "Configuration").Value!;
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("Cannot find the repository (MarketBlazor.sln) above the bench.");
        var dll = Path.Combine(root, "MarketBlazor.App", "bin", configuration, "net10.0", "MarketBlazor.App.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the app first (dotnet build -c {configuration}).", dll);
    }

    /// <summary>The market board loads before Kestrel listens, so the first answer means the app is ready.</summary>
    private async Task WaitUntilServingAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited) throw new InvalidOperationException($"The app exited with code {process.ExitCode}:\n{Output}");
            try
            {
                using var response = await http.GetAsync("/api/markets/1", cancellationToken);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            await Task.Delay(200, cancellationToken);
        }
        throw new TimeoutException($"The app did not answer within 90 s:\n{Output}");
    }

    private string Output
    {
        get
        {
            lock (output) return string.Join('\n', output);
        }
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (output)
        {
            output.Enqueue(line);
            if (output.Count > KeptOutputLines) output.Dequeue();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
        finally
        {
            process.Dispose();
        }
    }
}
