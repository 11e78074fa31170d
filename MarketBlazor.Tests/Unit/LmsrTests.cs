using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;

namespace MarketBlazor.Tests.Unit;

public class LmsrTests
{
    [Fact]
    public void Spending_10_at_even_odds_with_b_100_buys_about_19_09_shares_and_moves_yes_to_0_5476()
    {
        var shares = Lmsr.SharesForSpend(0, 0, 100, 10);

        Assert.Equal(19.09, shares, 0.005);
        Assert.Equal(0.5476, Lmsr.Price(shares, 0, 100), 0.0001);
        Assert.Equal(10, Lmsr.CostOfShares(0, 0, 100, shares), 1e-9);
    }

    [Theory]
    [InlineData(0, 0, 100)]
    [InlineData(250, 10, 100)]
    [InlineData(0, 5000, 100)]
    [InlineData(1e6, 0, 10)]
    public void Yes_and_no_prices_add_up_to_one(double qYes, double qNo, double b)
    {
        Assert.Equal(1.0, Lmsr.Price(qYes, qNo, b) + Lmsr.Price(qNo, qYes, b), 1e-12);
    }

    [Fact]
    public void Buying_more_always_moves_the_price_further()
    {
        var state = new MarketState(1, 100m, 30m, 50m, 0);
        var previous = 0m;
        foreach (var spend in new[] { 0.01m, 0.1m, 1m, 5m, 10m, 50m, 100m, 1_000m, 10_000m })
        {
            var quote = Pricing.Quote(state, Side.Yes, TradeAction.Buy, spend);
            Assert.True(quote.PriceAfter > quote.PriceBefore, $"spending {spend} did not raise the price");
            Assert.True(quote.PriceAfter > previous, $"spending {spend} moved the price less than a smaller spend");
            previous = quote.PriceAfter;
        }
    }

    [Fact]
    public void Buying_then_selling_the_same_shares_never_returns_more_than_it_cost()
    {
        var random = new Random(7);
        for (var i = 0; i < 5_000; i++)
        {
            var state = new MarketState(1, random.Next(1, 2000), (decimal)(random.NextDouble() * 3000), (decimal)(random.NextDouble() * 3000), 0);
            var side = random.Next(2) == 0 ? Side.Yes : Side.No;
            var spend = Math.Round((decimal)(random.NextDouble() * 500) + 0.01m, 2);

            var buy = Pricing.Quote(state, side, TradeAction.Buy, spend);
            var after = side == Side.Yes ? state with { YesShares = state.YesShares + buy.Shares } : state with { NoShares = state.NoShares + buy.Shares };
            var sell = Pricing.Quote(after, side, TradeAction.Sell, buy.Shares);

            Assert.True(sell.Cash <= buy.Cash, $"bought {buy.Shares} for {buy.Cash} but sold them for {sell.Cash} ({state})");
        }
    }

    [Theory]
    [InlineData(50)]
    [InlineData(800)]
    [InlineData(-800)]
    public void Extreme_share_imbalances_give_finite_prices_and_fills(double imbalanceInB)
    {
        const double b = 100;
        var qYes = Math.Max(0, imbalanceInB * b);
        var qNo = Math.Max(0, -imbalanceInB * b);

        foreach (var (side, other) in new[] { (qYes, qNo), (qNo, qYes) })
        {
            var price = Lmsr.Price(side, other, b);
            Assert.InRange(price, 0, 1);
            var shares = Lmsr.SharesForSpend(side, other, b, 10);
            Assert.True(double.IsFinite(shares) && shares > 0, $"shares for spend = {shares}");
            var proceeds = Lmsr.ProceedsOfSale(side, other, b, 10);
            Assert.True(double.IsFinite(proceeds) && proceeds >= 0 && proceeds <= 10, $"proceeds = {proceeds}");
            Assert.True(double.IsFinite(Lmsr.CostOfShares(side, other, b, 1e5)));
        }
        Assert.True(double.IsFinite(Lmsr.Cost(qYes, qNo, b)));
    }

    [Fact]
    public void Buying_the_cheap_side_of_a_50b_imbalance_gets_many_shares_for_little_cash()
    {
        var shares = Lmsr.SharesForSpend(0, 5000, 100, 1);
        // p ≈ e^-50, so one unit of cash buys about b·(ln(1/p) + ln(e^(1/b) − 1)) ≈ 100·(50 − 4.6) shares.
        Assert.InRange(shares, 4_400, 4_600);
    }

    [Fact]
    public void The_house_never_loses_more_than_b_ln_2()
    {
        var random = new Random(11);
        for (var run = 0; run < 200; run++)
        {
            var b = random.Next(10, 1000);
            var state = new MarketState(1, b, 0, 0, 0);
            var collected = 0m;
            for (var i = 0; i < 200; i++)
            {
                var side = random.NextDouble() < 0.8 ? Side.Yes : Side.No;
                var quote = Pricing.Quote(state, side, TradeAction.Buy, Math.Round((decimal)(random.NextDouble() * b), 2) + 0.01m);
                collected += quote.Cash;
                state = side == Side.Yes ? state with { YesShares = state.YesShares + quote.Shares } : state with { NoShares = state.NoShares + quote.Shares };
            }
            var worstPayout = Math.Max(state.YesShares, state.NoShares);
            Assert.True((double)(worstPayout - collected) <= Lmsr.WorstCaseLoss(b) + 1e-6,
                $"b={b}: pays {worstPayout} having collected {collected}, loss beyond b·ln2 = {Lmsr.WorstCaseLoss(b)}");
        }
    }

    [Fact]
    public void Fills_are_rounded_to_millionths_in_the_houses_favour()
    {
        var state = new MarketState(1, 100m, 0m, 0m, 0);
        var buy = Pricing.Quote(state, Side.Yes, TradeAction.Buy, 10m);
        Assert.Equal(buy.Shares, Math.Round(buy.Shares, 6));
        Assert.True((double)buy.Shares <= Lmsr.SharesForSpend(0, 0, 100, 10));

        var sell = Pricing.Quote(state with { YesShares = 50m }, Side.Yes, TradeAction.Sell, 7m);
        Assert.Equal(sell.Cash, Math.Round(sell.Cash, 6));
        Assert.True((double)sell.Cash <= Lmsr.ProceedsOfSale(50, 0, 100, 7));
    }
}
