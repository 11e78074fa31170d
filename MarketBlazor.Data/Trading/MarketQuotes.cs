using MarketBlazor.Data.Entities;

namespace MarketBlazor.Data.Trading;

/// <summary>The quoting rule, whether the market was read from the database or from a board.</summary>
public static class MarketQuotes
{
    public static QuoteResult Quote(OrderValidator validator, int marketId, MarketSnapshot? market, Side side, TradeAction action, double amount, DateTimeOffset now)
    {
        var (value, error) = validator.ValidateAmount(side, action, amount);
        if (error is not null) return QuoteResult.Rejected(RejectReason.Invalid, error);
        if (market is null) return QuoteResult.Rejected(RejectReason.NotFound, $"Market {marketId} does not exist.");
        if (!market.AcceptsOrdersAt(now)) return new QuoteResult(null, Closed(market.Question));
        return QuoteResult.Of(Pricing.Quote(market.State, side, action, value));
    }

    public static OrderRejected Closed(string question) => new(RejectReason.MarketClosed, $"Market '{question}' is closed for trading.");
}
