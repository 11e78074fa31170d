using MarketBlazor.Data;
using MarketBlazor.Data.Trading;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MarketBlazor.Tests.Infrastructure;

public static class TradeServices
{
    /// <summary>A trade service as the app builds it; each instance has its own per-market queue, like a separate app process.</summary>
    public static TradeService Service(IDbContextFactory<MarketDbContext> contexts, params IMarketChangeSink[] sinks) =>
        new(contexts, sinks, Options.Create(new TradingOptions()), TimeProvider.System, NullLogger<TradeService>.Instance);
}
