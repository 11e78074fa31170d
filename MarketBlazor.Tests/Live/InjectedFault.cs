namespace MarketBlazor.Tests.Live;

/// <summary>
/// A failure a test arms for the next <paramref name="times"/> calls of whatever it is wired into
/// (or until <see cref="Clear"/>); after that, calls go through.
/// </summary>
internal sealed class InjectedFault(Func<Exception> failure, int times = 1)
{
    private int remaining = times;

    public bool Exhausted => Volatile.Read(ref remaining) <= 0;

    public void ThrowIfArmed()
    {
        if (Interlocked.Decrement(ref remaining) >= 0) throw failure();
    }

    public Task ThrowIfArmedAsync()
    {
        ThrowIfArmed();
        return Task.CompletedTask;
    }

    public void Clear() => Volatile.Write(ref remaining, 0);
}
