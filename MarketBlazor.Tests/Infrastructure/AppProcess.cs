using System.Diagnostics;
using System.Text;
using MarketBlazor.Data.LocalPostgres;

namespace MarketBlazor.Tests.Infrastructure;

/// <summary>
/// The built app as a separate OS process on its own loopback port: a second "instance" that
/// shares nothing with the test process but the database.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();

    private AppProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    public string Log
    {
        get { lock (log) return log.ToString(); }
    }

    public static async Task<AppProcess> StartAsync(string connectionString, IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet", [AppDll(), "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(AppDll())!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ConnectionStrings__Market"] = connectionString;
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;

        var app = new AppProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        app.process.OutputDataReceived += (_, e) => app.Append(e.Data);
        app.process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();
        await app.WaitUntilServingAsync();
        return app;
    }

    private async Task WaitUntilServingAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The app exited with {process.ExitCode}:\n{Log}");
            try
            {
                if ((await Client.GetAsync("/api/markets")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The app did not start serving within 60 s:\n{Log}");
            await Task.Delay(100);
        }
    }

    /// <summary>The app's build output for this configuration (the solution builds it next to the tests).</summary>
    internal static string AppDll()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("No MarketBlazor.sln above the test output.");
        var dll = Path.Combine(root, "MarketBlazor.App", "bin", configuration, "net10.0", "MarketBlazor.App.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the solution first: {dll} is missing.");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (log) log.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
