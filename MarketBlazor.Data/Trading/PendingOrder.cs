using System.Diagnostics;

namespace MarketBlazor.Data.Trading;

/// <summary>
/// A validated order waiting in its market's lane. Exactly one party settles its fate: the
/// batch leader that claims it, or the order itself when it gives up waiting (withdraws).
/// </summary>
internal sealed class PendingOrder(OrderRequest order, decimal amount, DateTimeOffset expiresAt, bool callerNamedId)
{
    private const int Waiting = 0, Claimed = 1, Withdrawn = 2;
    private int state;

    public OrderRequest Order { get; } = order;
    public decimal Amount { get; } = amount;

    /// <summary>The caller chose the order id, so it may be a retry of an order that already filled.</summary>
    public bool CallerNamedId { get; } = callerNamedId;

    public long Fingerprint { get; } = OrderFingerprint.Of(order);

    /// <summary>When it joined the lane (a Stopwatch timestamp), and the trace of the order's span: the batch leader reports its wait.</summary>
    public long QueuedAt { get; } = Stopwatch.GetTimestamp();
    public ActivityContext Trace { get; } = Activity.Current?.Context ?? default;

    /// <summary>When the caller stops waiting (placed at + the order timeout).</summary>
    public DateTimeOffset ExpiresAt { get; } = expiresAt;
    public TaskCompletionSource<OrderResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool TryClaim() => Interlocked.CompareExchange(ref state, Claimed, Waiting) == Waiting;

    public bool TryWithdraw() => Interlocked.CompareExchange(ref state, Withdrawn, Waiting) == Waiting;
}
