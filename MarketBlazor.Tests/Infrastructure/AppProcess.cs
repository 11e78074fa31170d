using MarketBlazor.Tests.Infrastructure;

// The tests' launch profile for the shared launcher (testing/AppProcess.cs, linked into the tests).
namespace MarketBlazor.Testing;

/// <summary>The built app as a second "instance" that shares nothing with the test process but the database.</summary>
internal sealed partial class AppProcess
{
    /// <param name="settings">Configuration keys (<c>Live:InstanceName</c>) and their values.</param>
    public static Task<AppProcess> StartAsync(string connectionString, IReadOnlyDictionary<string, string> settings) =>
        StartAsync(AppLaunch.ForDll(BuildOutput.AppDll(), connectionString, "Testing", settings), CancellationToken.None);
}
