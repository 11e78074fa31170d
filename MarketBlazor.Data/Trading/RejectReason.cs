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

    /// <summary>The database could not be reached; nothing was written.</summary>
    Unavailable,

    /// <summary>The connection failed while committing and the database could not be asked before the deadline: the order may or may not have filled.</summary>
    Unconfirmed,

    /// <summary>The order id already names a different order (another account, market or terms); nothing was written.</summary>
    OrderIdReused,
}
