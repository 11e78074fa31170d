using System.Diagnostics;

namespace MarketBlazor.Tests.Infrastructure;

/// <summary>
/// The built app run once as an operator would (<c>dotnet MarketBlazor.App.dll users add ...</c>),
/// on the test database, to its exit; standard output and standard error are kept apart.
/// </summary>
public static class AppCommand
{
    public sealed record Outcome(int ExitCode, string Output, string Errors)
    {
        public string[] OutputLines => Output.TrimEnd('\n', '\r').Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
    }

    public static async Task<Outcome> RunAsync(string connectionString, params string[] args)
    {
        var dll = BuildOutput.AppDll();
        var start = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ConnectionStrings__Market"] = connectionString;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', args)}' did not finish within 60 s:\n{await output}{await errors}");
        }
        return new Outcome(process.ExitCode, await output, await errors);
    }
}
