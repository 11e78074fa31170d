namespace MarketBlazor.Data.Trading;

/// <summary>The connection failed during SaveChanges: the transaction may or may not have committed.</summary>
internal sealed class CommitInterruptedException(Exception cause) : Exception("The commit was interrupted.", cause);
