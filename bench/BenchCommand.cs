using System.Runtime.InteropServices;
using MarketBlazor.Bench.Reporting;
using MarketBlazor.Data.LocalPostgres;

namespace MarketBlazor.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench -- &lt;scenario&gt; [--quick] [--json out.json] [--charts DIR]</c>:
/// runs one scenario, prints its tables and notes, then one <c>name=value</c> line per figure.
/// Exit code 0 when the scenario ran (goals met or not), 1 when it failed, 2 for a bad command line.
/// </summary>
public static class BenchCommand
{
    private const string Usage =
        "usage: MarketBlazor.Bench <scenario> [--quick|--tiny] [--circuits N[,N...]] [--json out.json] [--charts DIR]\n" +
        "  scenarios: trades, hot, http, pooling, fanout, seed\n" +
        "  --quick    reduced sizes, under a minute;  --tiny  the test suite's smoke size\n" +
        "  --circuits fanout only: these circuit counts instead of the size's (e.g. --quick --circuits 5000)\n" +
        "  --charts   where to write PNG charts (default bench/results/charts; BENCHMARKS.md's come from docs/bench)\n" +
        "  the app's whole output of every run is kept in bench/results/app-output";

    public static async Task<int> RunAsync(string[] args)
    {
        string? scenario = null, json = null, charts = null;
        int[]? circuits = null;
        var size = BenchSize.Full;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick": size = BenchSize.Quick; break;
                case "--tiny": size = BenchSize.Tiny; break;
                case "--json" when i + 1 < args.Length: json = args[++i]; break;
                case "--charts" when i + 1 < args.Length: charts = args[++i]; break;
                case "--circuits" when i + 1 < args.Length && TryParseCounts(args[i + 1], out var counts): circuits = counts; i++; break;
                case "-h" or "--help": Console.WriteLine(Usage); return 0;
                case var name when !name.StartsWith('-') && scenario is null: scenario = name; break;
                default: Console.Error.WriteLine($"unexpected argument '{args[i]}'\n{Usage}"); return 2;
            }
        }
        if (scenario is null || !Scenarios.Names.Contains(scenario))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        charts ??= Path.Combine(RepositoryRoot.Find() ?? ".", "bench", "results", "charts");
        // Ctrl+C and SIGTERM cancel the run, so the clusters and app processes it started are stopped on the way out.
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            cancellation.Cancel();
        });

        ScenarioResult result;
        try
        {
            result = await Scenarios.RunAsync(scenario, size, new BenchOptions(charts, Console.Error.WriteLine, circuits), cancellation.Token);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Console.Error.WriteLine("cancelled");
            return 130;
        }
        catch (Exception e)
        {
            // An app that died says how (AppExitedException's message: exit code and last lines).
            Console.Error.WriteLine($"{scenario} failed: {e}");
            return 1;
        }

        Console.WriteLine($"## {scenario} ({size.ToString().ToLowerInvariant()}), {result.StartedAt:yyyy-MM-dd HH:mm}, " +
            $"{Environment.ProcessorCount} cores, {Cells.Seconds(result.Elapsed)} s");
        Console.WriteLine();
        foreach (var table in result.Tables) Console.WriteLine(table.ToMarkdown());
        foreach (var note in result.Notes) Console.WriteLine($"{note}\n");
        foreach (var chart in result.Charts) Console.WriteLine($"chart: {chart}");
        if (json is not null) await JsonReport.WriteAsync(json, result, CancellationToken.None);
        Console.WriteLine();
        foreach (var figure in result.Figures) Console.WriteLine(figure);
        return 0;
    }

    private static bool TryParseCounts(string text, out int[] counts)
    {
        counts = text.Split(',').Select(n => int.TryParse(n, out var count) && count > 0 ? count : 0).ToArray();
        return counts.All(n => n > 0);
    }
}
