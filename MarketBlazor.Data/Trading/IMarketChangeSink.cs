namespace MarketBlazor.Data.Trading;

/// <summary>Receives every committed market change, strictly after its transaction committed.</summary>
public interface IMarketChangeSink
{
    void Committed(MarketSnapshot market, TradeView trade);
}
