namespace MarketBlazor.App.Live;

/// <summary>
/// Whether the live machinery can currently reach PostgreSQL. While it cannot, the board keeps
/// serving its last known state and pages say it may be stale.
/// </summary>
public sealed class DatabaseHealth(TimeProvider clock)
{
    private volatile string? problem;

    public bool IsReachable => problem is null;

    public DateTimeOffset? UnreachableSince { get; private set; }

    public event Action? Changed;

    /// <returns>True when this report starts the outage, so whoever reports it can log it once per outage rather than once per failure.</returns>
    public bool ReportUnreachable(Exception cause)
    {
        if (Interlocked.CompareExchange(ref problem, cause.Message, null) is not null) return false;
        UnreachableSince = clock.GetUtcNow();
        Changed?.Invoke();
        return true;
    }

    public void ReportReachable()
    {
        if (problem is null) return;
        problem = null;
        UnreachableSince = null;
        Changed?.Invoke();
    }
}
