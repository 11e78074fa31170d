using System.Collections.Concurrent;
using System.Diagnostics;

namespace MarketBlazor.Bench.Circuits;

/// <summary>
/// N headless circuits on one page of the app, opened a few dozen at a time (as a crowd of
/// browsers arriving), and closed again through /_blazor/disconnect so none lingers on the server.
/// </summary>
public sealed class CircuitFleet : IAsyncDisposable
{
    private const int OpenInParallel = 32;
    private const int CloseInParallel = 64;
    // Markers expire after five minutes; a fresh page every few hundred circuits stays well inside that.
    private const int CircuitsPerPage = 500;

    private readonly HttpClient http;
    private readonly List<HeadlessCircuit> circuits;

    private CircuitFleet(HttpClient http, List<HeadlessCircuit> circuits, int failed, string? firstFailure, TimeSpan opening, string? stoppedEarly)
    {
        this.http = http;
        this.circuits = circuits;
        Failed = failed;
        FirstFailure = firstFailure;
        Opening = opening;
        StoppedEarly = stoppedEarly;
    }

    public IReadOnlyList<HeadlessCircuit> Circuits => circuits;
    public int Failed { get; }
    public string? FirstFailure { get; }
    public TimeSpan Opening { get; }

    /// <summary>Why fewer circuits than asked for were opened (the guard refused more), or null.</summary>
    public string? StoppedEarly { get; }

    /// <summary>Circuits still connected and free of circuit errors.</summary>
    public int Alive => circuits.Count(c => !c.Closed && c.Error is null);

    /// <summary>The client's own Cookie header (a signed-in viewer), passed on to its circuits.</summary>
    private static string? Cookie(HttpClient http) =>
        http.DefaultRequestHeaders.TryGetValues("Cookie", out var values) ? string.Join("; ", values) : null;

    /// <param name="guard">Asked before each circuit: a reason to stop opening more (e.g. the app's memory is too high), or null to go on.</param>
    public static async Task<CircuitFleet> OpenAsync(
        HttpClient http, string path, int count, PushWatch watch, Func<string?> guard, Action<string> log, CancellationToken cancellationToken)
    {
        var opened = new ConcurrentBag<HeadlessCircuit>();
        var failures = new ConcurrentQueue<string>();
        var elapsed = Stopwatch.StartNew();
        string? stoppedEarly = null;
        for (var first = 0; first < count && stoppedEarly is null; first += CircuitsPerPage)
        {
            var page = await PrerenderedPage.LoadAsync(http, path, cancellationToken);
            await Parallel.ForAsync(first, Math.Min(count, first + CircuitsPerPage),
                new ParallelOptions { MaxDegreeOfParallelism = OpenInParallel, CancellationToken = cancellationToken },
                async (_, token) =>
                {
                    if (stoppedEarly is not null || (stoppedEarly = guard()) is not null) return;
                    try
                    {
                        opened.Add(await HeadlessCircuit.StartAsync(http.BaseAddress!, page, watch, Cookie(http), token));
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                    {
                        failures.Enqueue(e.GetBaseException().Message);
                    }
                });
            log($"{opened.Count:N0} of {count:N0} circuits on {path} open ({failures.Count} failed), {elapsed.Elapsed.TotalSeconds:0} s" +
                (stoppedEarly is null ? "" : $"; stopped: {stoppedEarly}"));
        }
        return new CircuitFleet(http, opened.ToList(), failures.Count, failures.TryPeek(out var f) ? f : null, elapsed.Elapsed, stoppedEarly);
    }

    /// <summary>Waits until no circuit has received a render batch for <paramref name="quiet"/> (first renders, JS interop round trips done).</summary>
    public async Task SettleAsync(TimeSpan quiet, TimeSpan atMost, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < atMost)
        {
            var last = circuits.Count == 0 ? 0 : circuits.Max(c => c.LastBatchTimestamp);
            if (Stopwatch.GetElapsedTime(last) >= quiet) return;
            await Task.Delay(quiet / 4, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(circuits, new ParallelOptions { MaxDegreeOfParallelism = CloseInParallel }, async (circuit, token) =>
        {
            try
            {
                await circuit.DisconnectAsync(http, token);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                // The app may already be gone; the connection is disposed either way.
                await circuit.DisposeAsync();
            }
        });
    }
}
