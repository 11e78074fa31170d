using System.Diagnostics;
using System.Text.Json;
using MarketBlazor.Bench.Load;
using MarketBlazor.Data.Trading;

namespace MarketBlazor.Bench.Circuits;

/// <summary>
/// Measures one page at one circuit count against a running app: heap before, N circuits opened
/// and settled, heap again, orders at a fixed rate on one market while every circuit records
/// when each push arrived, then every circuit closed and the heap read a last time.
/// </summary>
public static class FanoutProbe
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    public static async Task<FanoutRun> RunAsync(
        HttpClient http, Func<TimeSpan> appCpu, string page, int circuits, int marketId, int accountId, int orders, TimeSpan interval,
        Func<MarketState, string> pushText, Action<string> log, CancellationToken cancellationToken)
    {
        var heapBefore = await AppDiagnostics.HeapBytesAsync(http, cancellationToken);
        var watch = new PushWatch(orders);
        var fleet = await CircuitFleet.OpenAsync(http, page, circuits, watch, log, cancellationToken);
        try
        {
            await fleet.SettleAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), cancellationToken);
            var heapOpen = await AppDiagnostics.HeapBytesAsync(http, cancellationToken);

            var ticker = await Ticker.StartAsync(http, marketId, accountId, cancellationToken);
            var (appBefore, clientBefore) = (appCpu(), ClientCpu());
            var sending = Stopwatch.StartNew();
            var roundTrips = await ticker.RunAsync(orders, interval, watch, pushText, cancellationToken);
            var rate = orders / Math.Max(sending.Elapsed.TotalSeconds - interval.TotalSeconds, interval.TotalSeconds);
            await DrainAsync(fleet, orders, cancellationToken);
            var (appUsed, clientUsed) = (appCpu() - appBefore, ClientCpu() - clientBefore);

            var committed = await CommitTimesAsync(http, ticker, orders, cancellationToken);
            var latencies = new List<double>();
            long missed = 0;
            foreach (var circuit in fleet.Circuits)
            {
                for (var k = 0; k < orders; k++)
                {
                    var arrived = circuit.DeliveredAt(k);
                    if (arrived == default) missed++;
                    else latencies.Add((arrived - committed[k]).TotalMilliseconds);
                }
            }
            var held = fleet.Alive;
            log($"{page}, {circuits:N0} circuits: {held:N0} held, {latencies.Count:N0} pushes received, {missed:N0} missed");
            await fleet.DisposeAsync();
            // Closed circuits are released at once; give the server a moment to run their disposal.
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var heapClosed = await AppDiagnostics.HeapBytesAsync(http, cancellationToken);

            var stats = new LatencyStats(latencies);
            return new FanoutRun(page, circuits, held, fleet.Failed, fleet.FirstFailure, fleet.Opening, stats, missed,
                held == 0 ? double.NaN : (double)(heapOpen - heapBefore) / held,
                heapClosed - heapBefore,
                rate,
                new LatencyStats(roundTrips).P50,
                PerPush(appUsed, latencies.Count),
                PerPush(clientUsed, latencies.Count));
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    private static TimeSpan ClientCpu() => Process.GetCurrentProcess().TotalProcessorTime;

    private static double PerPush(TimeSpan cpu, int pushes) => pushes == 0 ? double.NaN : cpu.TotalMicroseconds / pushes;

    /// <summary>Waits until every live circuit has the last order's push, or <see cref="DrainTimeout"/> passes.</summary>
    private static async Task DrainAsync(CircuitFleet fleet, int orders, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < DrainTimeout &&
               fleet.Circuits.Any(c => !c.Closed && c.Error is null && c.DeliveredAt(orders - 1) == default))
            await Task.Delay(100, cancellationToken);
    }

    /// <summary>Each order's trade timestamp (taken just before its commit), from the app's replay endpoint.</summary>
    private static async Task<DateTimeOffset[]> CommitTimesAsync(HttpClient http, Ticker ticker, int orders, CancellationToken cancellationToken)
    {
        using var trades = JsonDocument.Parse(await http.GetStringAsync(
            $"api/markets/{ticker.MarketId}/trades?after={ticker.FirstSequence}&take={orders}", cancellationToken));
        var times = new DateTimeOffset[orders];
        foreach (var trade in trades.RootElement.EnumerateArray())
        {
            var k = trade.GetProperty("sequence").GetInt64() - ticker.FirstSequence - 1;
            if (k >= 0 && k < orders) times[k] = trade.GetProperty("executedAt").GetDateTimeOffset();
        }
        if (times.Any(t => t == default)) throw new InvalidOperationException($"Market {ticker.MarketId}: some of the {orders} ticker trades are missing.");
        return times;
    }
}
