using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;

namespace MarketBlazor.Tests.Unit;

public class PairNettingTests
{
    private static (Market Market, Account Account, Position Position) Book() =>
        (new Market { Id = 1, Slug = "m", Question = "Will pairs net?", Category = "Testing", LiquidityB = 100m, Collected = 69.314719m },
         new Account { Id = 1, DisplayName = "Trader", Balance = 1_000m, Granted = 1_000m },
         new Position { AccountId = 1, MarketId = 1 });

    private static Trade Buy(Market market, Account account, Position position, Side side, decimal amount) =>
        Ledger.Record(Pricing.Quote(MarketState.Of(market), side, TradeAction.Buy, amount), market, account, position);

    [Fact]
    public void Buying_the_other_side_redeems_the_pairs_for_one_each_and_moves_no_price()
    {
        var (market, account, position) = Book();
        var yes = Buy(market, account, position, Side.Yes, 30m);
        var cashBefore = account.Balance + market.Collected;

        var priceBefore = Pricing.YesPrice(market.YesShares, market.NoShares, market.LiquidityB);
        var no = Buy(market, account, position, Side.No, 10m);

        Assert.Equal(0m, yes.Redeemed);
        Assert.Equal(no.Shares, no.Redeemed);
        Assert.Equal((yes.Shares - no.Shares, 0m), (position.YesShares, position.NoShares));
        Assert.Equal((position.YesShares, 0m), (market.YesShares, market.NoShares));
        Assert.Equal(30m + 10m - no.Redeemed, position.CostBasis);
        Assert.Equal(1_000m - 40m + no.Redeemed, account.Balance);
        // Cash only moved between the account and the pot.
        Assert.Equal(cashBefore, account.Balance + market.Collected);
        // The price after the No buy is what LMSR gives with or without the redeemed pairs.
        var unnetted = Pricing.YesPrice(market.YesShares + no.Redeemed, market.NoShares + no.Redeemed, market.LiquidityB);
        Assert.Equal(unnetted, Pricing.YesPrice(market.YesShares, market.NoShares, market.LiquidityB));
        Assert.True(Pricing.YesPrice(market.YesShares, market.NoShares, market.LiquidityB) < priceBefore);
    }

    [Fact]
    public void Redeeming_pairs_is_exact_in_lmsr_cost()
    {
        // C(qY − k, qN − k) = C(qY, qN) − k: the pot pays exactly 1 per pair and is no richer or poorer for it.
        var b = 100.0;
        var (qYes, qNo, pairs) = (180.0, 45.0, 45.0);
        Assert.Equal(Lmsr.Cost(qYes, qNo, b) - pairs, Lmsr.Cost(qYes - pairs, qNo - pairs, b), 9);
    }

    [Fact]
    public void A_larger_opposite_buy_leaves_only_the_other_side()
    {
        var (market, account, position) = Book();
        var yes = Buy(market, account, position, Side.Yes, 5m);
        var no = Buy(market, account, position, Side.No, 50m);

        Assert.Equal(yes.Shares, no.Redeemed);
        Assert.Equal((0m, no.Shares - yes.Shares), (position.YesShares, position.NoShares));
        Assert.Equal(account.Granted, account.Balance + market.Collected - 69.314719m);
    }
}
