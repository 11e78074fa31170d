namespace MarketBlazor.Data.Entities;

/// <summary>
/// Why cash moved outside a trade. Redeemed pairs are not here: they happen inside a fill and are
/// recorded on the trade itself (<see cref="Trade.Redeemed"/>).
/// </summary>
public enum CashMovementKind
{
    Subsidy,
    Payout,
    Refund,
    Remainder,
}
