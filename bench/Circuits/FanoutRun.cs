using MarketBlazor.Bench.Load;

namespace MarketBlazor.Bench.Circuits;

/// <summary>
/// One page with N circuits: how many were held to the end, how fast each push reached each of
/// them (trade timestamp to render batch received), how many pushes never arrived, the app's
/// managed heap per circuit, and CPU per push delivered (the app's, and the bench's own as the
/// client receiving it), in microseconds, over the window orders were sent and drained.
/// </summary>
public sealed record FanoutRun(
    string Page,
    int Circuits,
    int Held,
    int FailedToOpen,
    string? FirstFailure,
    TimeSpan Opening,
    LatencyStats Latency,
    long Missed,
    double HeapBytesPerCircuit,
    double HeapBytesLeftAfterClose,
    double OrdersPerSecond,
    double OrderRoundTripP50,
    double AppCpuPerPush,
    double ClientCpuPerPush);
