using MarketBlazor.Data.Lifecycle;
using Microsoft.Extensions.Options;

namespace MarketBlazor.App.Lifecycle;

/// <summary>
/// Closes markets whose closes_at has passed (orders are already refused by then; this makes the
/// status, the sequence and every board agree). Every instance runs it: a market closed by another
/// instance is refused here as already closed, which is harmless. It must never stop: any failure
/// is logged and retried after a growing pause.
/// </summary>
public sealed class MarketCloser(MarketLifecycle lifecycle, IOptions<LifecycleOptions> options, ILogger<MarketCloser> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pause = options.Value.CloseInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var marketId in await lifecycle.DueToCloseAsync(stoppingToken))
                    if (await lifecycle.CloseDueAsync(marketId, stoppingToken) is MarketClosed closed)
                        logger.LogInformation("Closed market {MarketId} at its close time {ClosesAt}", marketId, closed.Market.ClosesAt);
                pause = options.Value.CloseInterval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, options.Value.MaxBackoff.Ticks));
                logger.LogWarning(e, "Closing due markets failed; trying again in {Pause}", pause);
            }
            try
            {
                await Task.Delay(pause, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
