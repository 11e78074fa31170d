namespace MarketBlazor.Data.Trading;

public sealed class TradingOptions
{
    public const string Section = "Trading";

    public decimal MinimumBuy { get; set; } = 0.01m;
    public decimal MaximumBuy { get; set; } = 100_000m;
    public decimal MaximumSell { get; set; } = 10_000_000m;
    public double MaximumSlippage { get; set; } = 0.5;

    /// <summary>Attempts after an optimistic-concurrency conflict before answering Busy.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long an order may queue behind others on the same market before answering Busy (shorter than <see cref="OrderTimeout"/>, so a long queue reads as busy, not as an outage).</summary>
    public TimeSpan MarketQueueTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The longest an order may take end to end (e.g. while the database is unreachable) before it answers Unavailable.</summary>
    public TimeSpan OrderTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
