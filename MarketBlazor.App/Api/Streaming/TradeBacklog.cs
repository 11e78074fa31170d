using System.Runtime.CompilerServices;
using MarketBlazor.App.Live;
using MarketBlazor.Data.Queries;
using MarketBlazor.Data.Trading;

namespace MarketBlazor.App.Api.Streaming;

/// <summary>
/// One market's trades after a sequence, oldest first, as a market page catches up: from the board while it
/// still keeps all of them (no query), otherwise from the database page by page.
/// </summary>
internal sealed class TradeBacklog(MarketBoard board, MarketReader reader)
{
    public async IAsyncEnumerable<TradeView> AfterAsync(int marketId, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (_, recent) = board.CatchUp(marketId, afterSequence);
        if (recent is not null)
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
