using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;

namespace MarketBlazor.App.Components.Pages.Markets;

/// <summary>The board's status filter: a market is open while it takes orders, closed until resolved, then resolved.</summary>
public enum BoardStatus
{
    Open,
    Closed,
    Resolved,
}

public static class BoardStatuses
{
    /// <summary>A market past its close time shows as closed even before the closer flips its status (the trade path already refuses it).</summary>
    public static BoardStatus Of(MarketSnapshot market, DateTimeOffset now) => market.Status switch
    {
        MarketStatus.Resolved => BoardStatus.Resolved,
        _ when market.AcceptsOrdersAt(now) => BoardStatus.Open,
        _ => BoardStatus.Closed,
    };
}
