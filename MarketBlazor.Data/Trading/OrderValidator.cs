using MarketBlazor.Data.Entities;

namespace MarketBlazor.Data.Trading;

/// <summary>Checks user input before anything touches the database. Messages are shown to users as they are.</summary>
public sealed class OrderValidator(TradingOptions options)
{
    /// <summary>The amount as a decimal, or the reason it is not acceptable.</summary>
    public (decimal Amount, string? Error) ValidateAmount(Side side, TradeAction action, double amount)
    {
        if (!Enum.IsDefined(side)) return (0, "side must be 'yes' or 'no'.");
        if (!Enum.IsDefined(action)) return (0, "action must be 'buy' or 'sell'.");
        if (!double.IsFinite(amount)) return (0, "amount must be a finite number.");
        if (amount <= 0) return (0, "amount must be greater than zero.");

        var (minimum, maximum, unit) = action == TradeAction.Buy
            ? (options.MinimumBuy, options.MaximumBuy, "cash to spend")
            : (1m / 1_000_000m, options.MaximumSell, "shares to sell");
        if (amount > (double)maximum) return (0, $"amount ({unit}) must be at most {maximum:N0}.");

        var value = (decimal)amount;
        if (value < minimum) return (0, $"amount ({unit}) must be at least {minimum}.");
        if (value != Math.Round(value, Pricing.MoneyDecimals))
            return (0, $"amount must have at most {Pricing.MoneyDecimals} decimal places.");
        return (value, null);
    }

    public (decimal Amount, string? Error) Validate(OrderRequest order)
    {
        if (order.AccountId <= 0) return (0, "accountId must be a positive id.");
        if (order.MarketId <= 0) return (0, "marketId must be a positive id.");
        return ValidateTerms(order.Side, order.Action, order.Amount, order.QuotedPrice, order.QuotedSequence, order.Slippage);
    }

    /// <summary>Everything about an order but whose and where: what an API body is checked against before it names an account.</summary>
    public (decimal Amount, string? Error) ValidateTerms(Side side, TradeAction action, double amount, double quotedPrice, long quotedSequence, double slippage)
    {
        var (value, error) = ValidateAmount(side, action, amount);
        if (error is not null) return (0, error);
        if (!double.IsFinite(quotedPrice) || quotedPrice <= 0 || quotedPrice >= 1)
            return (0, "quotedPrice must be a price between 0 and 1 (exclusive).");
        if (quotedSequence < 0) return (0, "quotedSequence must not be negative.");
        if (!double.IsFinite(slippage) || slippage < 0 || slippage > options.MaximumSlippage)
            return (0, $"slippage must be between 0 and {options.MaximumSlippage}.");
        return (value, null);
    }
}
