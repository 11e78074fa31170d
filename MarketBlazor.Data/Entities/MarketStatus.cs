namespace MarketBlazor.Data.Entities;

public enum MarketStatus
{
    Open,
    Closed,
    Resolved,
}
