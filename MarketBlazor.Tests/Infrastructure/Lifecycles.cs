using MarketBlazor.Data;
using MarketBlazor.Data.Lifecycle;
using MarketBlazor.Data.Trading;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarketBlazor.Tests.Infrastructure;

public static class Lifecycles
{
    /// <summary>A lifecycle service as the app builds it, sharing <paramref name="trading"/>'s per-market lanes.</summary>
    public static MarketLifecycle Service(IDbContextFactory<MarketDbContext> contexts, TradeService trading, params IMarketChangeSink[] sinks) =>
        new(contexts, trading, sinks, TimeProvider.System, NullLogger<MarketLifecycle>.Instance);

    public static MarketProposal Proposal(
        string question = "Will the lifecycle tests pass on the first run?",
        decimal probability = 0.5m,
        decimal liquidity = 100m,
        DateTimeOffset? closesAt = null) =>
        new(question, "Resolves **Yes** if they do.", "Testing", closesAt ?? DateTimeOffset.UtcNow.AddDays(30), probability, liquidity);
}
