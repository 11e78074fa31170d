using MarketBlazor.Data.LocalPostgres;

namespace MarketBlazor.Tests.Infrastructure;

/// <summary>
/// Programs the tests run as separate processes (the app, the bench), found where the solution
/// builds them, in the tests' own configuration (bin/Debug/net10.0 under <c>dotnet test MarketBlazor.sln</c>).
/// </summary>
internal static class BuildOutput
{
    public static string AppDll() => Dll("MarketBlazor.App", "MarketBlazor.App");

    public static string BenchDll() => Dll("bench", "MarketBlazor.Bench");

    private static string Dll(string projectFolder, string assembly)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("No MarketBlazor.sln above the test output.");
        var dll = Path.Combine(root, projectFolder, "bin", configuration, "net10.0", $"{assembly}.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the solution first (dotnet build MarketBlazor.sln): {dll} is missing.");
    }
}
