using System.Diagnostics;
using MarketBlazor.Data.Trading;
using Microsoft.Extensions.Logging;

namespace MarketBlazor.Data.Telemetry;

/// <summary>An order's id and market, on every log line written while it is handled (a logging scope) and on its span.</summary>
internal static class OrderIdentity
{
    private static readonly Func<ILogger, Guid, int, IDisposable?> Scope =
        LoggerMessage.DefineScope<Guid, int>("Order {OrderId} on market {MarketId}");

    public static IDisposable? Begin(ILogger logger, OrderRequest order)
    {
        if (Activity.Current is { Source.Name: MarketTelemetry.Name, OperationName: "order" } span)
        {
            span.SetTag("marketblazor.order_id", order.OrderId);
            span.SetTag("marketblazor.market_id", order.MarketId);
        }
        return Scope(logger, order.OrderId, order.MarketId);
    }
}
