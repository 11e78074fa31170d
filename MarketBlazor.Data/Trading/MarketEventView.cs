using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Lifecycle;

namespace MarketBlazor.Data.Trading;

/// <summary>
/// An immutable copy of a committed close or resolution, safe to hand to many live subscribers;
/// <see cref="Paid"/> lists what each account received, so a board can move balances without a query.
/// </summary>
public sealed record MarketEventView(
    long Id,
    int MarketId,
    MarketEventKind Kind,
    long Sequence,
    Resolution? Resolution,
    decimal? ResolutionProbability,
    decimal? TotalPaid,
    decimal? CreatorRemainder,
    DateTimeOffset OccurredAt,
    IReadOnlyList<Payout> Paid)
{
    /// <param name="movements">The cash this change paid out (payouts, refunds, the creator's remainder): any order, any market sequence.</param>
    public static MarketEventView From(MarketEvent change, IEnumerable<CashMovement> movements) => new(
        change.Id, change.MarketId, change.Kind, change.MarketSequence, change.Resolution, change.ResolutionProbability,
        change.TotalPaid, change.CreatorRemainder, change.OccurredAt,
        movements.Where(m => m.MarketId == change.MarketId && m.MarketSequence == change.MarketSequence && m.Amount > 0)
            .Select(m => new Payout(m.AccountId, m.Amount)).ToList());
}
