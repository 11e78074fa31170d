namespace MarketBlazor.Data.Entities;

/// <summary>Append-only record of one fill. Prices are of the traded side.</summary>
public class Trade
{
    public long Id { get; set; }

    /// <summary>The order that produced this trade: at most one trade per order, ever.</summary>
    public Guid OrderId { get; set; }

    /// <summary>A hash of the order as sent, so a repeated id with a different order is told apart from a retry.</summary>
    public long? OrderFingerprint { get; set; }
    public int MarketId { get; set; }
    public int AccountId { get; set; }
    public Side Side { get; set; }
    public TradeAction Action { get; set; }
    public decimal Shares { get; set; }

    /// <summary>Cash paid (buy) or received (sell).</summary>
    public decimal Amount { get; set; }

    /// <summary>
    /// Yes+No pairs the position held after this fill and redeemed at 1 each, within the same change:
    /// the cash came back to the account and left the market's pot.
    /// </summary>
    public decimal Redeemed { get; set; }

    public decimal PriceBefore { get; set; }
    public decimal PriceAfter { get; set; }

    /// <summary>The market sequence this trade produced: the replay cursor.</summary>
    public long MarketSequence { get; set; }

    public DateTimeOffset ExecutedAt { get; set; }
}
