using MarketBlazor.App.Components.Shared;

namespace MarketBlazor.Tests.Unit;

public class AmountTextTests
{
    [Theory]
    [InlineData("10", 10)]
    [InlineData(" 10.5 ", 10.5)]
    [InlineData(".5", 0.5)]
    [InlineData("1500", 1500)]
    [InlineData("-5", -5)]
    public void Plain_numbers_with_a_decimal_point_are_read(string text, double expected)
    {
        var (amount, problem) = AmountText.Parse(text);
        Assert.Null(problem);
        Assert.Equal((decimal)expected, amount);
    }

    [Theory]
    [InlineData("10,5")]
    [InlineData("1,000")]
    [InlineData("1,000.50")]
    [InlineData("1 000")]
    [InlineData("1'000")]
    [InlineData("1_000")]
    public void Separators_that_mean_different_things_in_different_cultures_are_refused(string text)
    {
        var (amount, problem) = AmountText.Parse(text);
        Assert.Null(amount);
        Assert.Equal(AmountText.Ambiguous, problem);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    [InlineData("1e3")]
    [InlineData("10.5.1")]
    public void Anything_else_asks_for_a_number(string? text)
    {
        var (amount, problem) = AmountText.Parse(text);
        Assert.Null(amount);
        Assert.Equal(AmountText.NotANumber, problem);
    }
}
