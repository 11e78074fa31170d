namespace MarketBlazor.Data.Trading;

public enum RejectReason
{
    Invalid,
    NotFound,
    MarketClosed,
    StaleQuote,
    InsufficientFunds,
    InsufficientShares,
    Busy,
}
