using MarketBlazor.Bench.Load;

namespace MarketBlazor.Bench.Circuits;

/// <summary>
/// One page with N circuits: how many were held to the end, how fast each push reached each of
/// them (trade timestamp to render batch received), how many pushes never reached a circuit that
/// was still held, the app's managed heap per open circuit (read once they had all rendered), and CPU per push delivered (the app's, and the bench's own as the
/// client receiving it), in microseconds, over the window orders were sent and drained.
/// </summary>
public sealed record FanoutRun(
    string Page,
    int Circuits,
    int Held,
    int FailedToOpen,
    string? FirstFailure,
    string? StoppedEarly,
    string? FirstCloseReason,
    TimeSpan Opening,
    LatencyStats Latency,
    long Missed,
    double HeapBytesPerCircuit,
    double HeapBytesLeftAfterClose,
    double OrdersPerSecond,
    double OrderRoundTripP50,
    double AppCpuPerPush,
    double ClientCpuPerPush)
{
    /// <summary>A run that could not finish (e.g. the saturated app did not answer an order in time).</summary>
    public static FanoutRun Failed(string page, int circuits, string reason) => new(
        page, circuits, 0, 0, null, null, reason, TimeSpan.Zero, new LatencyStats([]), 0,
        double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
}
