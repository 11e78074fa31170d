namespace MarketBlazor.Data.Lifecycle;

/// <summary>How a market ends: Yes or No wins, a market price ("mkt", at a probability), or cancelled ("na").</summary>
public enum Resolution
{
    Yes,
    No,
    Mkt,
    Na,
}
