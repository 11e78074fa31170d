using System.Reflection;
using MarketBlazor.Data.LocalPostgres;

// The bench's launch profile for the shared launcher (testing/AppProcess.cs, linked into the bench).
namespace MarketBlazor.Testing;

/// <summary>
/// The app as it runs in production: the build made with the bench's own configuration (Release
/// under <c>dotnet run -c Release</c>), <c>ASPNETCORE_ENVIRONMENT=Production</c>, against a bench
/// database, with the diagnostics endpoints on; its whole output kept in bench/results/app-output.
/// </summary>
internal sealed partial class AppProcess
{
    /// <param name="settings">Extra configuration as environment variables (e.g. Live__CrossInstance=false).</param>
    /// <param name="directory">A published copy of the app to run (see <see cref="PublishAsync"/>), else the build.</param>
    public static Task<AppProcess> StartAsync(
        string connectionString, Action<string> log, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? settings = null, string? directory = null)
    {
        var dll = directory is null ? AppDll() : Path.Combine(directory, "MarketBlazor.App.dll");
        var configuration = new Dictionary<string, string>
        {
            ["Diagnostics__Enabled"] = "true",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) configuration[name] = value;
        return StartAsync(AppLaunch.ForDll(dll, connectionString, "Production", configuration) with
        {
            ReadyPath = "/api/markets/1",
            StartupTimeout = TimeSpan.FromSeconds(90),
            OutputFile = Path.Combine(Root(), "bench", "results", "app-output", $"app-{DateTime.Now:yyyyMMdd-HHmmss-fff}.log"),
            Log = log,
        }, cancellationToken);
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
        var start = new System.Diagnostics.ProcessStartInfo("dotnet",
            ["publish", Path.Combine(root, "MarketBlazor.App", "MarketBlazor.App.csproj"), "-c", Configuration, "-o", output, "--nologo", "-v", "quiet"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var publish = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet publish.");
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
}
