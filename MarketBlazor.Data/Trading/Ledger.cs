using MarketBlazor.Data.Entities;

namespace MarketBlazor.Data.Trading;

/// <summary>
/// The bookkeeping of one fill, shared by the trade path and the seeder, so that seeded data obeys
/// exactly the invariants live trading does: cash moves between the account and the market's
/// collected pot, shares between the market and the position, and the market's sequence advances.
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
        };
    }
}
