using MarketBlazor.Data.Entities;

namespace MarketBlazor.App.Api;

/// <summary>Parses the API's words for side and action; Enum.TryParse would also accept "0" or "1".</summary>
internal static class TradeWords
{
    public static Side? Side(string? text) => text?.ToLowerInvariant() switch
    {
        "yes" => Data.Entities.Side.Yes,
        "no" => Data.Entities.Side.No,
        _ => null,
    };

    public static TradeAction? Action(string? text) => text?.ToLowerInvariant() switch
    {
        "buy" => TradeAction.Buy,
        "sell" => TradeAction.Sell,
        _ => null,
    };
}
