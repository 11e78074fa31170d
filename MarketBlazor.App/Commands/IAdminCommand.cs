namespace MarketBlazor.App.Commands;

/// <summary>One parsed command-line command, ready to run against the app's services.</summary>
public interface IAdminCommand
{
    /// <returns>The process exit code: 0 done, 1 refused or failed (with a message on <paramref name="output"/>).</returns>
    Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken = default);
}
