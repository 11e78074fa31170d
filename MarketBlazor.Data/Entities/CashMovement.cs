namespace MarketBlazor.Data.Entities;

/// <summary>
/// Append-only record of cash moving between an account and a market other than by a trade, so
/// every balance is explained by granted + Σ trades + Σ movements (DESIGN §9).
/// </summary>
public class CashMovement
{
    public long Id { get; set; }
    public int AccountId { get; set; }
    public int MarketId { get; set; }
    public CashMovementKind Kind { get; set; }

    /// <summary>The change to the account's balance: negative for a subsidy paid in, positive for money paid out by the market.</summary>
    public decimal Amount { get; set; }

    /// <summary>The market sequence of the change that moved it (0 for a launch subsidy: the market starts at 0).</summary>
    public long MarketSequence { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
