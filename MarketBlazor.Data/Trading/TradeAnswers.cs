namespace MarketBlazor.Data.Trading;

/// <summary>The refusals the trade path answers with, worded once: they are shown to traders as they are.</summary>
internal static class TradeAnswers
{
    public static OrderRejected Unavailable() =>
        new(RejectReason.Unavailable, "Trading is temporarily unavailable; nothing was written. Please try again shortly.");

    public static OrderRejected Unconfirmed(OrderRequest order) =>
        new(RejectReason.Unconfirmed,
            $"Trading is temporarily unavailable and order {order.OrderId} could not be confirmed; it will appear in your trade history if it filled.");

    /// <summary>The lane's previous batch held the market all the while this order waited: the database is stalled, not busy.</summary>
    public static OrderRejected StalledBehindDatabase() =>
        Busy("This market's previous orders are still waiting for the database; nothing was written. Try again in a moment.");

    public static OrderRejected QueueTooLong() =>
        Busy("Too many orders are queued on this market; nothing was written. Try again in a moment.");

    public static OrderRejected ChangingTooFast() => Busy("The market is changing too fast to fill this order; try again.");

    public static OrderRejected Stale(OrderRequest order, Quote fresh) =>
        new(RejectReason.StaleQuote,
            $"The price moved: you were quoted {order.QuotedPrice:0.####} and it would now fill at {fresh.AveragePrice:0.####}, " +
            $"beyond your {order.Slippage:0.####} tolerance. Review the new quote.",
            fresh);

    public static OrderRejected OrderIdReused(OrderRequest order) =>
        new(RejectReason.OrderIdReused, $"Order id {order.OrderId} was already used for a different order; nothing was written. Use a new id for a new order.");

    public static OrderRejected NotFound(string message) => new(RejectReason.NotFound, message);

    public static OrderRejected TooSmall() => new(RejectReason.Invalid, "amount is too small to buy any shares.");

    private static OrderRejected Busy(string message) => new(RejectReason.Busy, message);
}
