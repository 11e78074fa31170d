using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;

namespace MarketBlazor.Data.Lifecycle;

/// <summary>One position's payout at resolution.</summary>
public sealed record Payout(int AccountId, decimal Amount);

/// <summary>What a resolution pays: per position, in total, and what is left for the creator.</summary>
public sealed record SettlementPlan(IReadOnlyList<Payout> Payouts, decimal TotalPaid, decimal CreatorRemainder);

/// <summary>
/// The payout rules of DESIGN §9, as pure arithmetic over the market's pot and its positions.
/// Every payout is rounded down to the cent's millionth, so the pot never pays more than it holds.
/// </summary>
public static class Settlement
{
    public static SettlementPlan Plan(decimal collected, IReadOnlyCollection<Position> positions, Resolution outcome, decimal? probability = null)
    {
        if (outcome == Resolution.Mkt && probability is not (>= 0m and <= 1m))
            throw new ArgumentOutOfRangeException(nameof(probability), "mkt needs a probability between 0 and 1.");

        var payouts = outcome switch
        {
            Resolution.Yes => positions.Select(p => new Payout(p.AccountId, p.YesShares)),
            Resolution.No => positions.Select(p => new Payout(p.AccountId, p.NoShares)),
            Resolution.Mkt => positions.Select(p => new Payout(p.AccountId, RoundDown(p.YesShares * probability!.Value + p.NoShares * (1 - probability.Value)))),
            _ => Refunds(collected, positions),
        };
        var paid = payouts.Where(p => p.Amount > 0).ToList();
        var total = paid.Sum(p => p.Amount);
        return new SettlementPlan(paid, total, collected - total);
    }

    /// <summary>na: each position's net cash in, where positive, scaled down pro rata when the pot holds less.</summary>
    private static IEnumerable<Payout> Refunds(decimal collected, IReadOnlyCollection<Position> positions)
    {
        var owed = positions.Where(p => p.CostBasis > 0).ToList();
        var total = owed.Sum(p => p.CostBasis);
        var scale = total > collected && total > 0 ? Math.Max(collected, 0) / total : 1m;
        return owed.Select(p => new Payout(p.AccountId, scale == 1m ? p.CostBasis : RoundDown(p.CostBasis * scale)));
    }

    private static decimal RoundDown(decimal value) => Math.Round(value, Pricing.MoneyDecimals, MidpointRounding.ToZero);
}
