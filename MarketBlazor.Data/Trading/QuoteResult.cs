namespace MarketBlazor.Data.Trading;

/// <summary>Either a quote or the reason there is none (unknown market, closed market, invalid amount).</summary>
public sealed record QuoteResult(Quote? Quote, OrderRejected? Rejection)
{
    public static QuoteResult Of(Quote quote) => new(quote, null);
    public static QuoteResult Rejected(RejectReason reason, string message) => new(null, new OrderRejected(reason, message));
}
