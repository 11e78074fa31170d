namespace MarketBlazor.Data.Queries;

/// <summary>
/// What one account did since a moment: the cash that moved (trades, redemptions, subsidies, payouts,
/// refunds, remainders) and the shares it gained or gave up per market. Marking those shares at the
/// current prices and adding the cash gives the period's profit (see <see cref="PeriodActivityReader"/>).
/// </summary>
public sealed record PeriodActivity(int AccountId, decimal Cash, IReadOnlyList<PeriodShares> Shares);

/// <summary>Net Yes and No shares one account gained (positive) or gave up (negative) in one market during the period.</summary>
public sealed record PeriodShares(int MarketId, decimal Yes, decimal No);
