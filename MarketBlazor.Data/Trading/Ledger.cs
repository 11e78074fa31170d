using MarketBlazor.Data.Entities;

namespace MarketBlazor.Data.Trading;

/// <summary>
/// The bookkeeping of one fill, shared by the trade path and the seeder, so that seeded data obeys
/// exactly the invariants live trading does: cash moves between the account and the market's
/// collected pot, shares between the market and the position, pairs are netted, and the market's
/// sequence advances.
/// </summary>
public static class Ledger
{
    /// <returns>The trade row for this fill, carrying the sequence it produced (ids and time are the caller's).</returns>
    public static Trade Record(Quote fill, Market market, Account account, Position position)
    {
        var sign = fill.Action == TradeAction.Buy ? 1 : -1;
        var shares = sign * fill.Shares;
        var cash = sign * fill.Cash;
        if (fill.Side == Side.Yes)
        {
            market.YesShares += shares;
            position.YesShares += shares;
        }
        else
        {
            market.NoShares += shares;
            position.NoShares += shares;
        }
        position.CostBasis += cash;
        account.Balance -= cash;
        market.Collected += cash;
        market.Volume += fill.Cash;
        market.Sequence++;
        var redeemed = RedeemPairs(market, account, position);
        return new Trade
        {
            MarketId = market.Id,
            AccountId = account.Id,
            Side = fill.Side,
            Action = fill.Action,
            Shares = fill.Shares,
            Amount = fill.Cash,
            PriceBefore = fill.PriceBefore,
            PriceAfter = fill.PriceAfter,
            MarketSequence = market.Sequence,
            Redeemed = redeemed,
        };
    }

    /// <summary>
    /// One Yes and one No always pay exactly 1 together, so a position holding both is netted: the
    /// pairs leave the position and the market's outstanding shares, and 1 each moves from the pot
    /// to the account. LMSR's price depends only on qYes − qNo, and C(qY − k, qN − k) = C(qY, qN) − k,
    /// so this is exact and moves no price.
    /// </summary>
    /// <returns>The pairs redeemed (0 when the position holds one side only).</returns>
    private static decimal RedeemPairs(Market market, Account account, Position position)
    {
        var pairs = Math.Min(position.YesShares, position.NoShares);
        if (pairs <= 0) return 0;
        position.YesShares -= pairs;
        position.NoShares -= pairs;
        market.YesShares -= pairs;
        market.NoShares -= pairs;
        position.CostBasis -= pairs;
        account.Balance += pairs;
        market.Collected -= pairs;
        return pairs;
    }
}
