namespace MarketBlazor.Bench.Load;

/// <summary>How one order ended: filled, or refused for <see cref="Rejection"/> (a reason word such as stale_quote).</summary>
public readonly record struct OrderOutcome(bool Filled, string? Rejection)
{
    public static OrderOutcome Fill { get; } = new(true, null);

    public static OrderOutcome Rejected(string reason) => new(false, reason);
}
