namespace MarketBlazor.Data.Entities;

public enum TradeAction
{
    Buy,
    Sell,
}
