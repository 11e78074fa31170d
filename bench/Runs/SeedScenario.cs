using System.Diagnostics;
using MarketBlazor.Bench.Infrastructure;
using MarketBlazor.Bench.Reporting;
using MarketBlazor.Data;
using MarketBlazor.Data.Seeding;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.Bench.Runs;

/// <summary>
/// The bulk seeder (simulate in memory, one binary COPY per table, one transaction) at 1,000
/// users, 200 markets and 100,000 trades, each time into a fresh database; baseline: the same
/// rows through plain EF Core (AddRange + one SaveChanges) with a tenth of the trades,
/// extrapolated per row to the full size. Goal: the bulk seed in ≤ 20 s.
/// </summary>
internal static class SeedScenario
{
    public const double GoalSeconds = 20;

    public static async Task RunAsync(ScenarioContext context)
    {
        var options = context.BySize(
            new SeedOptions { Users = 50, Markets = 10, Trades = 1_000 },
            new SeedOptions(),
            new SeedOptions());
        var baselineTrades = context.BySize(200, 2_000, 10_000);

        await using var cluster = await BenchCluster.StartAsync(context.Log, context.CancellationToken);
        var reports = new List<SeedReport>();
        string? seeded = null;
        for (var repetition = 1; repetition <= context.Repetitions; repetition++)
        {
            var connectionString = await cluster.CreateDatabaseAsync($"seed_{repetition}", context.CancellationToken);
            var report = await new BulkSeeder(connectionString).SeedAsync(options, null, context.CancellationToken);
            reports.Add(report);
            seeded ??= connectionString;
            context.Log($"run {repetition}/{context.Repetitions}: {report.Trades:N0} trades in {Cells.Seconds(report.Elapsed)} s " +
                $"(simulate {Cells.Seconds(report.Simulate)} s, COPY {Cells.Seconds(report.Copy)} s)");
        }

        var baselines = new List<(TimeSpan Elapsed, int Rows, int FullRows)>();
        for (var repetition = 1; repetition <= context.Repetitions; repetition++)
        {
            var target = await cluster.CreateDatabaseAsync($"seed_ef_{repetition}", context.CancellationToken);
            var baseline = await EfInsertAsync(seeded!, target, baselineTrades, context.CancellationToken);
            baselines.Add(baseline);
            context.Log($"EF run {repetition}/{context.Repetitions}: {baseline.Rows:N0} rows in {Cells.Seconds(baseline.Elapsed)} s");
        }

        var median = reports.OrderBy(r => r.Elapsed).ElementAt(reports.Count / 2);
        var ef = baselines.OrderBy(b => b.Elapsed).ElementAt(baselines.Count / 2);
        var efFull = TimeSpan.FromSeconds(ef.Elapsed.TotalSeconds / ef.Rows * ef.FullRows);
        var efWithSimulation = efFull + median.Simulate;
        var ratio = efWithSimulation / median.Elapsed;

        var table = new ResultTable($"{options.Users:N0} users, {options.Markets} markets, {options.Trades:N0} trades, median of {context.Repetitions}",
            "method", "rows", "simulate s", "write s", "total s", "rows/s");
        var rows = median.Markets + median.Accounts + median.Positions + median.Trades;
        table.Add("BulkSeeder (binary COPY, one transaction)", Cells.Count(rows), Cells.Seconds(median.Simulate), Cells.Seconds(median.Copy),
            Cells.Seconds(median.Elapsed), Cells.Rate(rows / median.Copy.TotalSeconds));
        table.Add($"EF Core AddRange + SaveChanges, {baselineTrades:N0} trades (measured)", Cells.Count(ef.Rows), "-", Cells.Seconds(ef.Elapsed),
            "-", Cells.Rate(ef.Rows / ef.Elapsed.TotalSeconds));
        table.Add($"EF Core, {options.Trades:N0} trades (extrapolated per row, plus the same simulation)", Cells.Count(ef.FullRows),
            Cells.Seconds(median.Simulate), Cells.Seconds(efFull), Cells.Seconds(efWithSimulation), "-");
        context.Add(table);
        context.Note($"Seeded {median.Markets} markets, {median.Accounts:N0} accounts, {median.Positions:N0} positions, {median.Trades:N0} trades " +
            $"({median.Sells:N0} sells). Goal: ≤ {GoalSeconds} s: {Cells.Seconds(median.Elapsed)} s — {Cells.Met(median.Elapsed.TotalSeconds <= GoalSeconds)}.");

        context.Figure("seed_seconds", median.Elapsed.TotalSeconds);
        context.Figure("simulate_seconds", median.Simulate.TotalSeconds);
        context.Figure("copy_seconds", median.Copy.TotalSeconds);
        context.Figure("ef_seconds_extrapolated", efWithSimulation.TotalSeconds);
        context.Figure("ratio", ratio);

        context.Chart("time", path => Charts.Bars(path, $"Seeding {options.Trades:N0} trades (median of {context.Repetitions})", "", "seconds",
            ["simulate", "write", "total"],
            [("BulkSeeder (COPY)", [median.Simulate.TotalSeconds, median.Copy.TotalSeconds, median.Elapsed.TotalSeconds]),
             ("EF Core AddRange (extrapolated)", [median.Simulate.TotalSeconds, efFull.TotalSeconds, efWithSimulation.TotalSeconds])]));
    }

    /// <summary>
    /// Reads the seeded rows back (every market, account and position, the first <paramref name="trades"/>
    /// trades) and inserts them into <paramref name="target"/> as a plain EF Core seeder would.
    /// </summary>
    /// <returns>The time of AddRange + SaveChanges, the rows it wrote, and the rows of the full seed.</returns>
    private static async Task<(TimeSpan Elapsed, int Rows, int FullRows)> EfInsertAsync(
        string source, string target, int trades, CancellationToken cancellationToken)
    {
        await using var read = new MarketDbContext(MarketDbOptions.For(source));
        var markets = await read.Markets.AsNoTracking().ToListAsync(cancellationToken);
        var accounts = await read.Accounts.AsNoTracking().ToListAsync(cancellationToken);
        var positions = await read.Positions.AsNoTracking().ToListAsync(cancellationToken);
        var someTrades = await read.Trades.AsNoTracking().OrderBy(t => t.Id).Take(trades).ToListAsync(cancellationToken);
        var allTrades = await read.Trades.CountAsync(cancellationToken);

        var elapsed = Stopwatch.StartNew();
        await using var write = new MarketDbContext(MarketDbOptions.For(target));
        write.Markets.AddRange(markets);
        write.Accounts.AddRange(accounts);
        write.Positions.AddRange(positions);
        write.Trades.AddRange(someTrades);
        await write.SaveChangesAsync(cancellationToken);
        elapsed.Stop();

        var fixedRows = markets.Count + accounts.Count + positions.Count;
        return (elapsed.Elapsed, fixedRows + someTrades.Count, fixedRows + allTrades);
    }
}
