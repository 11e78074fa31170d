namespace MarketBlazor.App.Live;

/// <summary>The Yes price of a market right after the trade that produced <see cref="Sequence"/>.</summary>
public readonly record struct PricePoint(DateTimeOffset At, decimal YesPrice, long Sequence);
