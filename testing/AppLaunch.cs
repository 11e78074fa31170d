namespace MarketBlazor.Testing;

/// <summary>
/// What <see cref="AppProcess"/> starts and how it knows the process is ready. The launcher adds
/// <c>--urls http://127.0.0.1:{free port}</c> to <see cref="Arguments"/>.
/// </summary>
/// <param name="FileName">The executable (<c>dotnet</c> for the app, see <see cref="ForDll"/>).</param>
internal sealed record AppLaunch(string FileName, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }

    /// <summary>Environment variables; configuration keys may be written either way (<c>Live:CrossInstance</c> or <c>Live__CrossInstance</c>).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>A GET that answers 2xx once the app serves (the board loads before Kestrel listens).</summary>
    public string ReadyPath { get; init; } = "/api/markets";

    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Where to keep the process's whole output (stdout and stderr interleaved), besides the last lines held in memory.</summary>
    public string? OutputFile { get; init; }

    /// <summary>Progress and, should the process die, its exit report as soon as it is known.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>The app's build (<c>dotnet MarketBlazor.App.dll</c>) on a database, with <paramref name="settings"/> applied after the environment name.</summary>
    public static AppLaunch ForDll(string dll, string connectionString, string environment, IReadOnlyDictionary<string, string>? settings = null)
    {
        var variables = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["ConnectionStrings__Market"] = connectionString,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) variables[key] = value;
        return new AppLaunch("dotnet", [dll]) { WorkingDirectory = Path.GetDirectoryName(dll), Environment = variables };
    }
}
