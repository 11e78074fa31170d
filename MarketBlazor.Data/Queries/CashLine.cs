namespace MarketBlazor.Data.Queries;

/// <summary>Why one line of a cash history moved the balance.</summary>
public enum CashLineKind
{
    Granted,
    Trade,
    Redemption,
    Subsidy,
    Payout,
    Refund,
    Remainder,
}

/// <summary>
/// One movement of an account's cash and the balance right after it, so the history explains the
/// balance line by line. <see cref="MarketId"/> and <see cref="At"/> are null for the starting grant (accounts keep no date for it).
/// </summary>
public sealed record CashLine(DateTimeOffset? At, CashLineKind Kind, int? MarketId, string? MarketQuestion, string Detail, decimal Amount, decimal BalanceAfter);
