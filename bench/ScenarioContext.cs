using System.Diagnostics;
using MarketBlazor.Bench.Reporting;

namespace MarketBlazor.Bench;

/// <summary>What a scenario gets to run with (size, logging, cancellation) and collects its results into.</summary>
public sealed class ScenarioContext(string scenario, BenchSize size, BenchOptions options, CancellationToken cancellationToken)
{
    private readonly DateTimeOffset startedAt = DateTimeOffset.Now;
    private readonly Stopwatch elapsed = Stopwatch.StartNew();
    private readonly List<ResultTable> tables = [];
    private readonly List<Figure> figures = [];
    private readonly List<string> notes = [];
    private readonly List<string> charts = [];

    public string Scenario { get; } = scenario;
    public BenchSize Size { get; } = size;
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Circuit counts asked for on the command line (fanout), else null.</summary>
    public IReadOnlyList<int>? Circuits => options.Circuits;

    /// <summary>Repetitions of each measurement: three for a full run (medians are reported), one otherwise.</summary>
    public int Repetitions => Size == BenchSize.Full ? 3 : 1;

    /// <summary>Picks the value for this run's size.</summary>
    public T BySize<T>(T tiny, T quick, T full) => Size switch
    {
        BenchSize.Tiny => tiny,
        BenchSize.Quick => quick,
        _ => full,
    };

    public void Log(string message) => options.Log?.Invoke($"[{Scenario} {elapsed.Elapsed:mm\\:ss}] {message}");

    public void Add(ResultTable table) => tables.Add(table);

    public void Figure(string name, double value) => figures.Add(new Figure(name, value));

    public void Note(string note) => notes.Add(note);

    /// <summary>Draws a chart if charts were asked for.</summary>
    /// <param name="draw">Writes the PNG to the path it is given.</param>
    public void Chart(string name, Action<string> draw)
    {
        if (options.ChartDirectory is null) return;
        Directory.CreateDirectory(options.ChartDirectory);
        var path = Path.Combine(options.ChartDirectory, $"{Scenario}-{name}.png");
        draw(path);
        charts.Add(path);
    }

    public ScenarioResult Result() => new(Scenario, Size, startedAt, elapsed.Elapsed, tables, figures, notes, charts);
}
