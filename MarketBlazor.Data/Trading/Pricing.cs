using MarketBlazor.Data.Entities;

namespace MarketBlazor.Data.Trading;

/// <summary>
/// Turns LMSR's doubles into decimal fills, rounded once and in the house's favour:
/// shares received and sale proceeds round down, so neither a buyer nor a seller ever gets
/// a millionth more than the formula owes.
/// </summary>
public static class Pricing
{
    public const int MoneyDecimals = 6;
    private const int PriceDecimals = 10;

    // Doubles carry ~1e-16 relative error; shaving 1e-12 before flooring keeps that error on the house's side.
    private const double HouseMargin = 1e-12;

    public static Quote Quote(MarketState state, Side side, TradeAction action, decimal amount)
    {
        var (qSide, qOther) = state.Quantities(side);
        var b = (double)state.LiquidityB;
        var priceBefore = Lmsr.Price(qSide, qOther, b);

        decimal shares, cash;
        if (action == TradeAction.Buy)
        {
            cash = amount;
            shares = RoundDown(Lmsr.SharesForSpend(qSide, qOther, b, (double)amount));
        }
        else
        {
            shares = amount;
            cash = RoundDown(Lmsr.ProceedsOfSale(qSide, qOther, b, (double)amount));
        }

        var qSideAfter = action == TradeAction.Buy ? qSide + (double)shares : qSide - (double)shares;
        var priceAfter = Lmsr.Price(qSideAfter, qOther, b);
        var average = shares == 0 ? (decimal)priceBefore : cash / shares;
        return new Quote(
            state.MarketId, side, action, amount, shares, cash,
            Math.Round(average, PriceDecimals), ToPrice(priceBefore), ToPrice(priceAfter), state.Sequence);
    }

    public static decimal YesPrice(decimal yesShares, decimal noShares, decimal liquidityB) =>
        ToPrice(Lmsr.Price((double)yesShares, (double)noShares, (double)liquidityB));

    private static decimal ToPrice(double price) => Math.Round((decimal)price, PriceDecimals);

    private static decimal RoundDown(double value) =>
        value <= 0 ? 0 : Math.Round((decimal)(value * (1 - HouseMargin)), MoneyDecimals, MidpointRounding.ToZero);
}
