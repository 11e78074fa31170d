namespace MarketBlazor.App.Live;

/// <summary>
/// How many live batches the whole process hands to components at once. One committed change
/// reaches every circuit at the same moment; unbounded, thousands of circuits queue their renders
/// on the thread pool together and an order's request (the trade path) waits behind all of them:
/// with 5,000 board circuits a ticker order waited past its 5 s deadline (BENCHMARKS.md, Issue 10).
/// Taking turns keeps only a few renders queued at any time, so requests are served in between.
/// A batch that does not finish at once (it awaits I/O, e.g. a catch-up query) gives its turn back
/// after <see cref="LongestTurn"/>: a slow page never holds up the others.
/// </summary>
internal static class RenderTurns
{
    /// <summary>Long enough for any render of a batch; short enough that a page awaiting the database does not stall the others.</summary>
    public static readonly TimeSpan LongestTurn = TimeSpan.FromMilliseconds(250);

    // One per core: renders run on the thread pool's threads, so more at once would only queue there.
    private static readonly SemaphoreSlim Turns = new(Math.Max(2, Environment.ProcessorCount));

    public static Task TakeAsync(CancellationToken cancellationToken) => Turns.WaitAsync(cancellationToken);

    public static void Give() => Turns.Release();
}
