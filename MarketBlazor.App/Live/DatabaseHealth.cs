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

    public void ReportUnreachable(Exception cause)
    {
        if (problem is not null) return;
        UnreachableSince = clock.GetUtcNow();
        problem = cause.Message;
        Changed?.Invoke();
    }

    public void ReportReachable()
    {
        if (problem is null) return;
        problem = null;
        UnreachableSince = null;
        Changed?.Invoke();
    }
}
