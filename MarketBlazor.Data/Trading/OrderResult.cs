namespace MarketBlazor.Data.Trading;

public abstract record OrderResult;

public sealed record OrderFilled(TradeView Trade, MarketSnapshot Market, decimal Balance) : OrderResult;

/// <summary>Nothing was written. <see cref="FreshQuote"/> is set for <see cref="RejectReason.StaleQuote"/>.</summary>
public sealed record OrderRejected(RejectReason Reason, string Message, Quote? FreshQuote = null) : OrderResult;
