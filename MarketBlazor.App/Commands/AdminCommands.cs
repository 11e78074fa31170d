using MarketBlazor.App.Hosting;
using Microsoft.Extensions.Logging.Console;

namespace MarketBlazor.App.Commands;

/// <summary>
/// The operator's commands (<c>seed</c>, <c>users</c>, <c>keys</c>), run instead of the web app
/// with the app's own services, like <c>rails console</c> tasks. Arguments are checked before
/// anything touches the database: bad arguments print the usage and exit 2 having written nothing.
/// </summary>
public static class AdminCommands
{
    public const string Usage =
        "Usage:\n" +
        "  seed [--users N] [--markets N] [--trades N] [--reset]   fill the database with demo data\n" +
        "  users add EMAIL [--admin] [--name NAME]                  create a person with an account; prints a generated password\n" +
        "  keys create EMAIL [--name NAME]                          create an API key for a person; prints the key on the last line";

    private static readonly string[] Names = ["seed", "users", "keys"];

    public static bool IsRequested(string[] args) => args.Length > 0 && Names.Contains(args[0]);

    /// <summary>
    /// The host for a command: the app's configuration and services, none of its command-line
    /// arguments (they are the command's), and every log line on standard error so standard output
    /// carries only what the command prints (a script reads the key from its last line).
    /// </summary>
    public static WebApplicationBuilder CreateBuilder()
    {
        var builder = WebApplication.CreateBuilder([]);
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        return builder;
    }

    /// <returns>The exit code: 0 done, 1 refused or failed, 2 bad arguments.</returns>
    public static async Task<int> RunAsync(WebApplication app, string[] args, TextWriter output)
    {
        if (Parse(args, output) is not { } command) return 2;
        await app.MigrateDatabaseAsync();
        return await command.RunAsync(app.Services, output);
    }

    /// <returns>The command, or null after writing what is wrong and the usage.</returns>
    public static IAdminCommand? Parse(string[] args, TextWriter output)
    {
        var (command, error) = args switch
        {
            ["seed", ..] => (new SeedDemoData(args), null),
            ["users", "add", .. var rest] => AddUserCommand.Parse(rest),
            ["keys", "create", .. var rest] => CreateKeyCommand.Parse(rest),
            [var name, ..] when Names.Contains(name) => (null, $"Unknown or missing subcommand for '{name}'."),
            _ => ((IAdminCommand?)null, "No command given."),
        };
        if (command is null)
        {
            output.WriteLine(error);
            output.WriteLine(Usage);
        }
        return command;
    }
}
