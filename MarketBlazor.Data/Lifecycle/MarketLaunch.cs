using MarketBlazor.Data.Trading;

namespace MarketBlazor.Data.Lifecycle;

/// <summary>
/// Where a new market starts (DESIGN §9): shares with qYes − qNo = b·ln(p0/(1−p0)) so the Yes price
/// is p0, held by nobody, and the creator's subsidy: LMSR's worst case for that start,
/// b·ln(1/min(p0, 1−p0)), rounded up so the market can always pay its winners.
/// </summary>
public static class MarketLaunch
{
    public const decimal MinimumProbability = 0.01m;
    public const decimal MaximumProbability = 0.99m;

    public static (decimal YesShares, decimal NoShares, decimal Subsidy) Plan(decimal initialProbability, decimal liquidity)
    {
        if (initialProbability is < MinimumProbability or > MaximumProbability)
            throw new ArgumentOutOfRangeException(nameof(initialProbability), $"must be between {MinimumProbability} and {MaximumProbability}.");
        if (liquidity <= 0) throw new ArgumentOutOfRangeException(nameof(liquidity), "must be positive.");

        var b = (double)liquidity;
        var p = (double)initialProbability;
        var offset = Math.Round((decimal)(b * Math.Log(p / (1 - p))), Pricing.MoneyDecimals);
        var (yes, no) = offset >= 0 ? (offset, 0m) : (0m, -offset);
        // What the start costs, less what the outstanding house shares of each side would pay if it won.
        var cost = Lmsr.Cost((double)yes, (double)no, b);
        var worstCase = Math.Max(cost - (double)yes, cost - (double)no);
        return (yes, no, RoundUp(worstCase));
    }

    private static decimal RoundUp(double value) =>
        Math.Round((decimal)value * (1 + 1e-12m), Pricing.MoneyDecimals, MidpointRounding.ToPositiveInfinity);
}
