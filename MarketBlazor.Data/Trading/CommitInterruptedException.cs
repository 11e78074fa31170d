namespace MarketBlazor.Data.Trading;

/// <summary>
/// The database failed while a batch was being written. <see cref="TransactionId"/> is null when
/// the failure came before COMMIT was sent (nothing was written); otherwise the commit may or may
/// not have happened, and that transaction's status settles it. <see cref="Answers"/> holds, per
/// order, its answer had the commit succeeded: a refusal stands either way, a fill only if it did.
/// </summary>
internal sealed class CommitInterruptedException(Exception cause, IReadOnlyList<OrderResult> answers, uint? transactionId)
    : Exception("The commit was interrupted.", cause)
{
    public IReadOnlyList<OrderResult> Answers { get; } = answers;

    /// <summary>The writing transaction's id as PostgreSQL's 32-bit xid (as the write statement read it back).</summary>
    public uint? TransactionId { get; } = transactionId;
}
