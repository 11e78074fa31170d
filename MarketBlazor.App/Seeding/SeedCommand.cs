using System.Globalization;
using MarketBlazor.Data.Seeding;
using Npgsql;

namespace MarketBlazor.App.Seeding;

/// <summary>
/// <c>seed [--users N] [--markets N] [--trades N] [--reset]</c> (dispatched by
/// <see cref="Commands.AdminCommands"/>): fills the database with demo data and exits instead of
/// starting the web app. Exit codes: 0 seeded, 1 refused or failed,
/// 2 bad arguments.
/// </summary>
public static class SeedCommand
{
    private const string Usage = "Usage: seed [--users N] [--markets N] [--trades N] [--reset]";

    public static async Task<int> RunAsync(string connectionString, string[] args, TextWriter output)
    {
        if (!TryParse(args, out var options, out var reset, out var error))
        {
            output.WriteLine(error);
            output.WriteLine(Usage);
            return 2;
        }

        var seeder = new BulkSeeder(connectionString);
        try
        {
            if (reset)
            {
                output.WriteLine("Deleting all markets, accounts, positions and trades...");
                await seeder.ResetAsync();
            }
            else if (!await seeder.IsEmptyAsync())
            {
                output.WriteLine("The database already holds markets; seeding would mix demo data into them.");
                output.WriteLine("Run 'seed --reset' to delete everything and seed afresh.");
                return 1;
            }

            output.WriteLine($"Seeding {options.Users:N0} users, {options.Markets:N0} markets and {options.Trades:N0} trades...");
            var interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
            var report = await seeder.SeedAsync(options, new ProgressLines(output, interactive));
            output.WriteLine(
                $"Seeded {report.Markets:N0} markets, {report.Accounts:N0} accounts, {report.Positions:N0} positions and " +
                $"{report.Trades:N0} trades ({report.Sells:N0} sells) in {Seconds(report.Elapsed)}: " +
                $"simulate {Seconds(report.Simulate)}, copy {Seconds(report.Copy)}.");
            return 0;
        }
        catch (NpgsqlException e)
        {
            output.WriteLine($"Seeding failed: {e.Message}");
            return 1;
        }
    }

    private static bool TryParse(string[] args, out SeedOptions options, out bool reset, out string error)
    {
        options = new SeedOptions();
        reset = false;
        error = "";
        for (var i = 1; i < args.Length; i++)
        {
            var flag = args[i];
            if (flag == "--reset")
            {
                reset = true;
                continue;
            }
            if (flag is not ("--users" or "--markets" or "--trades"))
            {
                error = $"Unknown argument '{flag}'.";
                return false;
            }
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
            {
                error = $"{flag} needs a positive whole number{(i + 1 < args.Length ? $", not '{args[i + 1]}'" : "")}.";
                return false;
            }
            i++;
            options = flag switch
            {
                "--users" => options with { Users = count },
                "--markets" => options with { Markets = count },
                _ => options with { Trades = count },
            };
        }
        return true;
    }

    private static string Seconds(TimeSpan time) => $"{time.TotalSeconds:0.00} s";

    /// <summary>
    /// One line per phase. On a terminal the line is rewritten in place as the phase advances;
    /// redirected output gets only the finished line, so logs stay readable.
    /// Reports arrive on the seeding thread in order, so no Progress&lt;T&gt; marshalling is wanted.
    /// </summary>
    private sealed class ProgressLines(TextWriter output, bool interactive) : IProgress<SeedProgress>
    {
        public void Report(SeedProgress value)
        {
            var finished = value.Done >= value.Total;
            var line = $"  {value.Phase,-10} {value.Done,12:N0} / {value.Total:N0}";
            if (interactive)
            {
                output.Write($"\r{line}");
                if (finished) output.WriteLine();
            }
            else if (finished)
            {
                output.WriteLine(line);
            }
        }
    }
}
