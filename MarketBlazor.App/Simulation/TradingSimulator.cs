using System.Collections.Concurrent;
using MarketBlazor.App.Live;
using MarketBlazor.Data.Trading;

namespace MarketBlazor.App.Simulation;

/// <summary>
/// One tab's "Start trading": posts orders as bots (never as the tab's signed-in person) at a
/// target rate through the same trade service people use. Scoped to the circuit, so closing the
/// tab disposes it and the loop stops.
/// The rate is a target: when <see cref="MaxInFlight"/> orders are already waiting, ticks are skipped
/// rather than queued, so a slow database slows the simulator instead of piling up work.
/// </summary>
public sealed class TradingSimulator(TradeService trading, MarketBoard board, TimeProvider clock, ILogger<TradingSimulator> logger) : IAsyncDisposable
{
    public const int MinRate = 1;
    public const int MaxRate = 1000;
    private const int MaxInFlight = 32;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);

    private readonly OrderPicker picker = new(board, clock);
    private readonly LatencyWindow latencies = new();
    private readonly ConcurrentDictionary<RejectReason, long> rejected = new();
    private readonly ConcurrentQueue<long> completions = new();
    private CancellationTokenSource? stopping;
    private Task? loop;
    private long sent;
    private long filled;
    private long failed;
    private int rate = 10;

    public bool IsRunning => loop is { IsCompleted: false };

    public int Rate
    {
        get => rate;
        set => rate = Math.Clamp(value, MinRate, MaxRate);
    }

    public void Start()
    {
        if (IsRunning) return;
        stopping = new CancellationTokenSource();
        loop = RunAsync(stopping.Token);
    }

    public async Task StopAsync()
    {
        if (stopping is null || loop is null) return;
        await stopping.CancelAsync();
        await loop;
        stopping.Dispose();
        stopping = null;
    }

    public SimulatorStats Stats()
    {
        var oneSecondAgo = clock.GetTimestamp() - clock.TimestampFrequency;
        while (completions.TryPeek(out var at) && at < oneSecondAgo) completions.TryDequeue(out _);
        var (p50, p99) = latencies.Percentiles();
        return new SimulatorStats(IsRunning, rate, Interlocked.Read(ref sent), Interlocked.Read(ref filled),
            new Dictionary<RejectReason, long>(rejected), Interlocked.Read(ref failed), completions.Count, p50, p99);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var random = new Random();
        var inFlight = new SemaphoreSlim(MaxInFlight);
        using var timer = new PeriodicTimer(Tick, clock);
        var due = 0.0;
        var last = clock.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var now = clock.GetTimestamp();
                due = Math.Min(due + rate * clock.GetElapsedTime(last, now).TotalSeconds, MaxInFlight);
                last = now;
                for (; due >= 1 && inFlight.Wait(0); due--)
                {
                    if (picker.Next(random) is not { } order)
                    {
                        inFlight.Release();
                        break;
                    }
                    _ = SendAsync(order, inFlight);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        // Let orders already sent finish, so counters are final and nothing runs after Stop returns.
        for (var i = 0; i < MaxInFlight; i++) await inFlight.WaitAsync(CancellationToken.None);
    }

    private async Task SendAsync(OrderRequest order, SemaphoreSlim inFlight)
    {
        var started = clock.GetTimestamp();
        Interlocked.Increment(ref sent);
        try
        {
            var result = await trading.PlaceOrderAsync(order);
            if (result is OrderRejected rejection) rejected.AddOrUpdate(rejection.Reason, 1, (_, n) => n + 1);
            else Interlocked.Increment(ref filled);
        }
        catch (Exception e)
        {
            Interlocked.Increment(ref failed);
            logger.LogWarning(e, "Simulated order on market {MarketId} failed", order.MarketId);
        }
        finally
        {
            picker.Done(order);
            latencies.Add(clock.GetElapsedTime(started));
            completions.Enqueue(clock.GetTimestamp());
            inFlight.Release();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
