namespace MarketBlazor.Data.Entities;

public enum Side
{
    Yes,
    No,
}
