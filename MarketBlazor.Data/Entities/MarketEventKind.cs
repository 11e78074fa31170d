namespace MarketBlazor.Data.Entities;

public enum MarketEventKind
{
    Closed,
    Resolved,
}
