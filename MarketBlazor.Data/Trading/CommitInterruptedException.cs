namespace MarketBlazor.Data.Trading;

/// <summary>
/// The connection failed during SaveChanges: the batch may or may not have committed.
/// <see cref="Refused"/> holds, per order, its refusal, or null for an order that was to fill.
/// </summary>
internal sealed class CommitInterruptedException(Exception cause, IReadOnlyList<OrderRejected?> refused)
    : Exception("The commit was interrupted.", cause)
{
    public IReadOnlyList<OrderRejected?> Refused { get; } = refused;
}
