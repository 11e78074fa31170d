namespace MarketBlazor.Data.Trading;

/// <summary>Receives every committed market change, strictly after its transaction committed.</summary>
public interface IMarketChangeSink
{
    /// <summary>A fill: the market's next sequence.</summary>
    void Committed(MarketSnapshot market, TradeView trade);

    /// <summary>A close or a resolution: the market's next sequence, like a trade.</summary>
    void Committed(MarketSnapshot market, MarketEventView change);

    /// <summary>A new market, at sequence 0.</summary>
    void Launched(MarketSnapshot market);
}
