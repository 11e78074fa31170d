namespace MarketBlazor.Tests.Live;

/// <summary>Holds whoever reaches it, once armed, until the test opens it: a query that is still running when something else happens.</summary>
internal sealed class DatabaseGate
{
    private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool armed;

    public void Arm() => armed = true;

    /// <summary>Completes once someone waits at the armed gate.</summary>
    public Task Reached => reached.Task;

    public void Open() => opened.TrySetResult();

    public Task PassAsync()
    {
        if (!armed) return Task.CompletedTask;
        reached.TrySetResult();
        return opened.Task;
    }
}
