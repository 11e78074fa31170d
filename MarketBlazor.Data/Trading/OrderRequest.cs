using MarketBlazor.Data.Entities;

namespace MarketBlazor.Data.Trading;

/// <summary>
/// An order as the user placed it: <see cref="Amount"/> is cash to spend (buy) or shares to
/// sell (sell); <see cref="QuotedPrice"/> and <see cref="QuotedSequence"/> are the quote the
/// user saw; <see cref="Slippage"/> is how far (in price, 0–0.5) the fill may differ from it.
/// Numbers arrive as doubles because they are user input: validation rejects NaN and ∞.
/// <see cref="OrderId"/> names the order in the database (trades.order_id, unique): a retry with
/// the same id can never fill twice, and an order whose commit was cut off can be looked up.
/// </summary>
public sealed record OrderRequest(
    int AccountId,
    int MarketId,
    Side Side,
    TradeAction Action,
    double Amount,
    double QuotedPrice,
    long QuotedSequence,
    double Slippage,
    Guid OrderId = default);
