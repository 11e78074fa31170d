namespace MarketBlazor.Data.Trading;

/// <summary>
/// A validated order waiting in its market's lane. Exactly one party settles its fate: the
/// batch leader that claims it, or the order itself when it gives up waiting (withdraws).
/// </summary>
internal sealed class PendingOrder(OrderRequest order, decimal amount, DateTimeOffset expiresAt)
{
    private const int Waiting = 0, Claimed = 1, Withdrawn = 2;
    private int state;

    public OrderRequest Order { get; } = order;
    public decimal Amount { get; } = amount;

    /// <summary>When the caller stops waiting (placed at + the order timeout).</summary>
    public DateTimeOffset ExpiresAt { get; } = expiresAt;
    public TaskCompletionSource<OrderResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool TryClaim() => Interlocked.CompareExchange(ref state, Claimed, Waiting) == Waiting;

    public bool TryWithdraw() => Interlocked.CompareExchange(ref state, Withdrawn, Waiting) == Waiting;
}
