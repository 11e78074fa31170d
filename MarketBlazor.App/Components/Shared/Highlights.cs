namespace MarketBlazor.App.Components.Shared;

/// <summary>
/// Which items changed a moment ago, so a component can mark them with a short CSS animation.
/// A class left on after its animation ends would swallow the next highlight (an animation only
/// restarts when its class is added again), so a timer re-renders the owner as each one expires.
/// Mark, IsOn and the expiry callback all run on the owner's dispatcher; no locking needed.
/// </summary>
public sealed class Highlights<TKey> : IDisposable where TKey : notnull
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(1.5);

    private readonly Dictionary<TKey, DateTimeOffset> until = [];
    private readonly TimeProvider clock;
    private readonly ITimer timer;
    private bool armed;

    /// <param name="invoke">The owner's InvokeAsync, so expiry runs on its dispatcher.</param>
    /// <param name="render">The owner's StateHasChanged.</param>
    public Highlights(TimeProvider clock, Func<Action, Task> invoke, Action render)
    {
        this.clock = clock;
        timer = clock.CreateTimer(_ => _ = invoke(() => Expire(render)), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Mark(TKey key)
    {
        until[key] = clock.GetUtcNow() + Duration;
        if (!armed) Arm(Duration);
    }

    public bool IsOn(TKey key) => until.TryGetValue(key, out var end) && end > clock.GetUtcNow();

    private void Expire(Action render)
    {
        armed = false;
        var now = clock.GetUtcNow();
        foreach (var key in until.Where(u => u.Value <= now).Select(u => u.Key).ToList()) until.Remove(key);
        if (until.Count > 0) Arm(until.Values.Min() - now);
        render();
    }

    private void Arm(TimeSpan dueIn)
    {
        armed = true;
        timer.Change(dueIn < TimeSpan.Zero ? TimeSpan.Zero : dueIn, Timeout.InfiniteTimeSpan);
    }

    public void Dispose() => timer.Dispose();
}
