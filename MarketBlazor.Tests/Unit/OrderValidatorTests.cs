using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;

namespace MarketBlazor.Tests.Unit;

public class OrderValidatorTests
{
    private static readonly OrderValidator Validator = new(new TradingOptions());
    private static readonly OrderRequest Valid = new(1, 1, Side.Yes, TradeAction.Buy, 10, 0.5, 0, 0.01);

    [Fact]
    public void A_well_formed_order_passes_with_its_amount_as_decimal()
    {
        var (amount, error) = Validator.Validate(Valid);
        Assert.Null(error);
        Assert.Equal(10m, amount);
    }

    public static TheoryData<OrderRequest, string> BadOrders => new()
    {
        { Valid with { Amount = double.NaN }, "finite" },
        { Valid with { Amount = double.PositiveInfinity }, "finite" },
        { Valid with { Amount = double.NegativeInfinity }, "finite" },
        { Valid with { Amount = -5 }, "greater than zero" },
        { Valid with { Amount = 0 }, "greater than zero" },
        { Valid with { Amount = 1e30 }, "at most" },
        { Valid with { Amount = 0.001 }, "at least" },
        { Valid with { Amount = 1.0000001 }, "decimal places" },
        { Valid with { Slippage = -1 }, "slippage" },
        { Valid with { Slippage = 2 }, "slippage" },
        { Valid with { Slippage = double.NaN }, "slippage" },
        { Valid with { QuotedPrice = 0 }, "quotedPrice" },
        { Valid with { QuotedPrice = 1 }, "quotedPrice" },
        { Valid with { QuotedPrice = double.NaN }, "quotedPrice" },
        { Valid with { QuotedSequence = -1 }, "quotedSequence" },
        { Valid with { AccountId = 0 }, "accountId" },
        { Valid with { MarketId = -3 }, "marketId" },
        { Valid with { Side = (Side)7 }, "side" },
        { Valid with { Action = (TradeAction)7 }, "action" },
    };

    [Theory]
    [MemberData(nameof(BadOrders))]
    public void Bad_orders_are_refused_with_a_message_naming_the_problem(OrderRequest order, string mentions)
    {
        var (_, error) = Validator.Validate(order);
        Assert.NotNull(error);
        Assert.Contains(mentions, error, StringComparison.OrdinalIgnoreCase);
    }
}
