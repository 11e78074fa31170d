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

    /// <summary>The app process's resident memory now.</summary>
    public long WorkingSetBytes
    {
        get
        {
            process.Refresh();
            return process.WorkingSet64;
        }
    }

    /// <summary>CPU the app process has used so far.</summary>
    public TimeSpan Cpu
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <param name="settings">Extra configuration as environment variables (e.g. Live__CrossInstance=false).</param>
    /// <param name="directory">A published copy of the app to run (see <see cref="PublishAsync"/>), else the build.</param>
    public static async Task<AppProcess> StartAsync(
        string connectionString, Action<string> log, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? settings = null, string? directory = null)
    {
        var dll = directory is null ? AppDll() : Path.Combine(directory, "MarketBlazor.App.dll");
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
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) start.Environment[name] = value;

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

    /// <summary>
    /// Publishes the app (bench configuration) to bench/results/app-publish. Only a published app
    /// serves its static files (blazor.web.js, MudBlazor's) outside Development, and a real
    /// browser needs them; the headless client does not.
    /// </summary>
    /// <returns>The folder holding the published app.</returns>
    public static async Task<string> PublishAsync(Action<string> log, CancellationToken cancellationToken)
    {
        var root = Root();
        var output = Path.Combine(root, "bench", "results", "app-publish");
        log($"publishing the app to {output}");
        var start = new ProcessStartInfo("dotnet",
            ["publish", Path.Combine(root, "MarketBlazor.App", "MarketBlazor.App.csproj"), "-c", Configuration, "-o", output, "--nologo", "-v", "quiet"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var publish = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet publish.");
        var stdout = publish.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = publish.StandardError.ReadToEndAsync(cancellationToken);
        await publish.WaitForExitAsync(cancellationToken);
        if (publish.ExitCode != 0) throw new InvalidOperationException($"dotnet publish failed:\n{await stdout}{await stderr}");
        return output;
    }

    /// <summary>The app's build next to this repository's bench, in the bench's configuration.</summary>
    private static string AppDll()
    {
        var dll = Path.Combine(Root(), "MarketBlazor.App", "bin", Configuration, "net10.0", "MarketBlazor.App.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the app first (dotnet build -c {Configuration}).", dll);
    }

    private static string Configuration => typeof(AppProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .First(a => a.Key == "Configuration").Value!;

    private static string Root() =>
        RepositoryRoot.Find() ?? throw new InvalidOperationException("Cannot find the repository (MarketBlazor.sln) above the bench.");

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
