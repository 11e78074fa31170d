using System.Runtime.CompilerServices;
using MarketBlazor.App.Live;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Queries;
using MarketBlazor.Data.Trading;

namespace MarketBlazor.App.Api.Streaming;

/// <summary>
/// One market's trades after a sequence, oldest first, as a market page catches up: from the board while it
/// still keeps all of them (no query), otherwise from the database page by page; and its close and resolution.
/// </summary>
internal sealed class TradeBacklog(MarketBoard board, MarketReader reader)
{
    /// <summary>The market's close and resolution after the cursor: only a market that is no longer open has any (one small query then).</summary>
    public async Task<IReadOnlyList<MarketEventView>> LifecycleAfterAsync(int marketId, long afterSequence, CancellationToken cancellationToken) =>
        board.Market(marketId) is { Status: not MarketStatus.Open } market && market.Sequence > afterSequence
            ? await reader.EventsAfterAsync(marketId, afterSequence, cancellationToken)
            : [];

    public async IAsyncEnumerable<TradeView> AfterAsync(int marketId, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (market, recent) = board.CatchUp(marketId, afterSequence);
        // The board keeps trades only: when a close or resolution lies after the cursor it cannot vouch for the rest.
        if (recent is not null && market?.Status == MarketStatus.Open)
        {
            foreach (var trade in recent) yield return trade;
            yield break;
        }
        var after = afterSequence;
        while (true)
        {
            var page = await reader.TradesAfterAsync(marketId, after, MarketReader.MaxTradesPerPage, cancellationToken);
            foreach (var trade in page)
            {
                yield return trade;
                after = trade.Sequence;
            }
            if (page.Count < MarketReader.MaxTradesPerPage) yield break;
        }
    }
}
