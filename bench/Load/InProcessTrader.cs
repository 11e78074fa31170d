using System.Text.RegularExpressions;
using MarketBlazor.Data;
using MarketBlazor.Data.Trading;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MarketBlazor.Bench.Load;

/// <summary>
/// The app's trade service in the bench process, as the app builds it (a singleton over a context
/// factory) but without the live broadcaster: the in-process figures are the trade path alone.
/// </summary>
public sealed partial class InProcessTrader(IDbContextFactory<MarketDbContext> contexts, OrderFlow flow, BenchBoard board)
{
    private readonly TradeService service = new(contexts, [], Options.Create(new TradingOptions()), TimeProvider.System, NullLogger<TradeService>.Instance);

    public async Task<OrderOutcome> PlaceAsync(int client, Random random, CancellationToken cancellationToken)
    {
        var result = await service.PlaceOrderAsync(flow.Next(client, random), cancellationToken);
        switch (result)
        {
            case OrderFilled filled:
                board.Update(filled.Market.State);
                return OrderOutcome.Fill;
            case OrderRejected rejected:
                return OrderOutcome.Rejected(Words(rejected.Reason));
            default:
                throw new InvalidOperationException($"Unexpected order result {result}");
        }
    }

    /// <summary>The API's reason words (StaleQuote → stale_quote), so in-process and HTTP tables read alike.</summary>
    private static string Words(RejectReason reason) => CapitalInside().Replace(reason.ToString(), "_$1").ToLowerInvariant();

    [GeneratedRegex("(?<=.)([A-Z])")]
    private static partial Regex CapitalInside();
}
