using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Lifecycle;
using MarketBlazor.Data.Trading;

namespace MarketBlazor.Tests.Unit;

public class SettlementTests
{
    [Fact]
    public void An_even_market_starts_with_no_shares_and_a_subsidy_of_b_ln_2()
    {
        var (yes, no, subsidy) = MarketLaunch.Plan(0.5m, 100m);

        Assert.Equal((0m, 0m), (yes, no));
        Assert.Equal(69.314719m, subsidy); // 100·ln 2 = 69.3147180…, rounded up
    }

    [Theory]
    [InlineData(0.8, 100, 138.629436, 0, 160.943792)]   // qY − qN = 100·ln 4; subsidy 100·ln 5
    [InlineData(0.2, 100, 0, 138.629436, 160.943792)]
    [InlineData(0.01, 50, 0, 229.755993, 230.258510)]  // 50·ln 99; 50·ln 100
    public void A_market_opens_at_its_initial_probability_and_the_creator_pays_the_worst_case(
        double p0, double b, double expectedYes, double expectedNo, double expectedSubsidy)
    {
        var (yes, no, subsidy) = MarketLaunch.Plan((decimal)p0, (decimal)b);

        Assert.Equal((decimal)expectedYes, yes);
        Assert.Equal((decimal)expectedNo, no);
        Assert.Equal((decimal)expectedSubsidy, subsidy);
        Assert.Equal(p0, Lmsr.Price((double)yes, (double)no, b), 1e-6);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0.005)]
    [InlineData(0.995)]
    [InlineData(1)]
    [InlineData(1.5)]
    public void An_initial_probability_outside_one_to_ninety_nine_percent_is_refused(double p0) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MarketLaunch.Plan((decimal)p0, 100m));

    [Fact]
    public void Yes_pays_one_per_yes_share_and_leaves_the_rest_to_the_creator()
    {
        var plan = Settlement.Plan(100m, [Position(1, yes: 10m, no: 0m, basis: 5m), Position(2, yes: 0m, no: 20m, basis: 9m)], Resolution.Yes);

        Assert.Equal([new Payout(1, 10m)], plan.Payouts);
        Assert.Equal(10m, plan.TotalPaid);
        Assert.Equal(90m, plan.CreatorRemainder);
    }

    [Fact]
    public void No_pays_one_per_no_share()
    {
        var plan = Settlement.Plan(100m, [Position(1, yes: 10m, no: 0m, basis: 5m), Position(2, yes: 3m, no: 20m, basis: 9m)], Resolution.No);

        Assert.Equal([new Payout(2, 20m)], plan.Payouts);
        Assert.Equal(80m, plan.CreatorRemainder);
    }

    [Theory]
    [InlineData(0.37, 6.85)]  // 10·0.37 + 5·0.63
    [InlineData(0, 5)]        // only No shares pay
    [InlineData(1, 10)]       // only Yes shares pay
    public void Mkt_pays_yes_times_p_plus_no_times_one_minus_p(double p, double expected)
    {
        var plan = Settlement.Plan(50m, [Position(1, yes: 10m, no: 5m, basis: 7m)], Resolution.Mkt, (decimal)p);

        Assert.Equal((decimal)expected, plan.TotalPaid);
        Assert.Equal(50m - (decimal)expected, plan.CreatorRemainder);
    }

    [Fact]
    public void Mkt_rounds_each_payout_down()
    {
        var plan = Settlement.Plan(50m, [Position(1, yes: 1m, no: 0m, basis: 1m)], Resolution.Mkt, 0.3333333333m);

        Assert.Equal(0.333333m, plan.TotalPaid);
    }

    [Fact]
    public void Na_refunds_net_cash_in_where_positive_and_leaves_profits_already_taken()
    {
        // Carol sold at a profit (basis −10): she keeps it and gets nothing more.
        var plan = Settlement.Plan(120m, [Position(1, 5m, 0m, 60m), Position(2, 0m, 7m, 40m), Position(3, 1m, 0m, -10m)], Resolution.Na);

        Assert.Equal([new Payout(1, 60m), new Payout(2, 40m)], plan.Payouts);
        Assert.Equal(20m, plan.CreatorRemainder);
    }

    [Fact]
    public void Na_scales_refunds_pro_rata_when_the_pot_holds_less_than_is_owed()
    {
        var plan = Settlement.Plan(50m, [Position(1, 5m, 0m, 60m), Position(2, 0m, 7m, 40m), Position(3, 1m, 0m, -10m)], Resolution.Na);

        Assert.Equal([new Payout(1, 30m), new Payout(2, 20m)], plan.Payouts);
        Assert.Equal(0m, plan.CreatorRemainder);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(-0.1)]
    [InlineData(1.01)]
    public void Mkt_without_a_probability_in_zero_to_one_is_refused(double? p) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Settlement.Plan(10m, [], Resolution.Mkt, (decimal?)p));

    /// <summary>
    /// DESIGN §9's guarantee: when the creator paid the subsidy, whatever was traded, yes/no/mkt never
    /// pay out more than the market holds, and na never does by construction; and cash is conserved
    /// exactly (every coin is in a balance once the creator takes the remainder).
    /// </summary>
    [Fact]
    public void Over_1000_random_histories_the_creator_remainder_is_never_negative_and_cash_is_conserved()
    {
        var random = new Random(20261201);
        decimal[] liquidities = [50m, 100m, 250m, 500m];
        for (var history = 0; history < 1_000; history++)
        {
            var p0 = Math.Round(0.01m + (decimal)random.NextDouble() * 0.98m, 2);
            var b = liquidities[random.Next(liquidities.Length)];
            var (yes, no, subsidy) = MarketLaunch.Plan(p0, b);
            var creator = new Account { Id = 1, DisplayName = "creator", Balance = 10_000m - subsidy, Granted = 10_000m };
            var market = new Market { Id = 1, Slug = "m", Question = "q", Category = "c", LiquidityB = b, YesShares = yes, NoShares = no, Collected = subsidy };
            var traders = Enumerable.Range(2, 5).Select(id => new Account { Id = id, DisplayName = $"t{id}", Balance = 1_000m, Granted = 1_000m }).ToList();
            var positions = traders.ToDictionary(t => t.Id, t => new Position { AccountId = t.Id, MarketId = 1 });

            for (var step = 0; step < 60; step++)
            {
                var trader = traders[random.Next(traders.Count)];
                var position = positions[trader.Id];
                var side = random.Next(2) == 0 ? Side.Yes : Side.No;
                Quote fill;
                if (random.Next(3) > 0)
                {
                    var spend = Math.Round(Math.Min(trader.Balance, 1m + (decimal)random.NextDouble() * 300m), 2);
                    if (spend < 0.01m) continue;
                    fill = Pricing.Quote(MarketState.Of(market), side, TradeAction.Buy, spend);
                }
                else
                {
                    var held = position.SharesOf(side);
                    var shares = Math.Round(held * (decimal)random.NextDouble(), Pricing.MoneyDecimals, MidpointRounding.ToZero);
                    if (shares <= 0) continue;
                    fill = Pricing.Quote(MarketState.Of(market), side, TradeAction.Sell, shares);
                }
                if (fill.Shares <= 0) continue;
                Ledger.Record(fill, market, trader, position);
            }

            var outcome = (Resolution)random.Next(4);
            decimal? probability = outcome == Resolution.Mkt ? Math.Round((decimal)random.NextDouble(), 4) : null;
            var plan = Settlement.Plan(market.Collected, positions.Values, outcome, probability);

            Assert.True(plan.CreatorRemainder >= 0,
                $"history {history}: p0 {p0}, b {b}, {outcome} {probability}: pays {plan.TotalPaid} from a pot of {market.Collected}");
            foreach (var payout in plan.Payouts) traders.Single(t => t.Id == payout.AccountId).Balance += payout.Amount;
            creator.Balance += plan.CreatorRemainder;
            var accounts = traders.Append(creator).ToList();
            Assert.Equal(accounts.Sum(a => a.Granted), accounts.Sum(a => a.Balance));
        }
    }

    private static Position Position(int account, decimal yes, decimal no, decimal basis) =>
        new() { AccountId = account, MarketId = 1, YesShares = yes, NoShares = no, CostBasis = basis };
}
