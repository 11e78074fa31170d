using System.Diagnostics;
using System.Text.Json;
using MarketBlazor.Bench.Infrastructure;
using MarketBlazor.Bench.Load;
using MarketBlazor.Data.Trading;

namespace MarketBlazor.Bench.Circuits;

/// <summary>
/// Measures one page at one circuit count against a running app: heap before, N circuits opened
/// and settled, heap again, orders at a fixed rate on one market while every circuit records
/// when each push arrived, then every circuit closed and the heap read a last time. The first
/// <see cref="WarmUpOrders"/> orders are not counted: in a freshly started app they pay for JIT.
/// </summary>
internal static class FanoutProbe
{
    public const int WarmUpOrders = 4;

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The app's resident memory at which no more circuits are opened: the machine has 24 GiB and
    /// is shared with builds and test runs, and a page heavy enough to need more has missed its
    /// memory goal many times over anyway.
    /// </summary>
    public const long AppMemoryLimit = 12L << 30;

    /// <summary>Memory the rest of the machine keeps whatever the app uses (MemAvailable in /proc/meminfo).</summary>
    public const long MachineReserve = 3L << 30;

    public static async Task<FanoutRun> RunAsync(
        HttpClient http, AppProcess app, string page, int circuits, int marketId, int accountId, int orders, TimeSpan interval,
        Func<MarketState, string> pushText, Action<string> log, CancellationToken cancellationToken)
    {
        var heapBefore = await AppDiagnostics.HeapBytesAsync(http, cancellationToken);
        var sent = WarmUpOrders + orders;
        var watch = new PushWatch(sent);
        var fleet = await CircuitFleet.OpenAsync(http, page, circuits, watch,
            () => app.WorkingSetBytes > AppMemoryLimit ? $"the app's resident memory passed {AppMemoryLimit >> 30} GiB"
                : MachineMemory.AvailableBytes() < MachineReserve ? $"the machine had less than {MachineReserve >> 30} GiB available"
                : null,
            log, cancellationToken);
        try
        {
            await fleet.SettleAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), cancellationToken);
            var heapOpen = await AppDiagnostics.HeapBytesAsync(http, cancellationToken);
            var open = fleet.Alive;

            var ticker = await Ticker.StartAsync(http, marketId, accountId, cancellationToken);
            await ticker.RunAsync(WarmUpOrders, interval, watch, pushText, cancellationToken);
            await DrainAsync(fleet, WarmUpOrders, cancellationToken);
            var (appBefore, clientBefore) = (app.Cpu, ClientCpu());
            var sending = Stopwatch.StartNew();
            var roundTrips = await ticker.RunAsync(orders, interval, watch, pushText, cancellationToken);
            var rate = orders / Math.Max(sending.Elapsed.TotalSeconds - interval.TotalSeconds, interval.TotalSeconds);
            await DrainAsync(fleet, sent, cancellationToken);
            var (appUsed, clientUsed) = (app.Cpu - appBefore, ClientCpu() - clientBefore);

            var committed = await CommitTimesAsync(http, ticker, sent, cancellationToken);
            var latencies = new List<double>();
            long missed = 0;
            // Pushes missed by circuits still held; circuits the server dropped show in the held count instead.
            foreach (var circuit in fleet.Circuits.Where(c => !c.Closed && c.Error is null))
            {
                for (var k = WarmUpOrders; k < sent; k++)
                {
                    var arrived = circuit.DeliveredAt(k);
                    if (arrived == default) missed++;
                    else latencies.Add((arrived - committed[k]).TotalMilliseconds);
                }
            }
            var held = fleet.Alive;
            var closeReason = fleet.Circuits.Select(c => c.CloseReason).FirstOrDefault(r => !string.IsNullOrEmpty(r));
            log($"{page}, {circuits:N0} circuits: {held:N0} held, {latencies.Count:N0} pushes received, {missed:N0} missed");
            await fleet.DisposeAsync();
            // Closed circuits are released at once; give the server a moment to run their disposal.
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var heapClosed = await AppDiagnostics.HeapBytesAsync(http, cancellationToken);

            var stats = new LatencyStats(latencies);
            return new FanoutRun(page, circuits, held, fleet.Failed, fleet.FirstFailure, fleet.StoppedEarly, closeReason, fleet.Opening, stats, missed,
                open == 0 ? double.NaN : (double)(heapOpen - heapBefore) / open,
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

    /// <summary>Waits until every live circuit has order <paramref name="orders"/>-1's push, or <see cref="DrainTimeout"/> passes.</summary>
    private static async Task DrainAsync(CircuitFleet fleet, int orders, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < DrainTimeout &&
               fleet.Circuits.Any(c => !c.Closed && c.Error is null && c.DeliveredAt(orders - 1) == default))
            await Task.Delay(100, cancellationToken);
    }

    /// <summary>Each order's trade timestamp (taken just before its commit), from the app's replay endpoint.</summary>
    public static async Task<DateTimeOffset[]> CommitTimesAsync(HttpClient http, Ticker ticker, int orders, CancellationToken cancellationToken)
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
