using MarketBlazor.Data;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.App.Live;

/// <summary>Fills the market board before the app starts serving pages.</summary>
public sealed class MarketBoardLoader(MarketBoard board, IDbContextFactory<MarketDbContext> contexts, ILogger<MarketBoardLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        await board.LoadAsync(contexts, cancellationToken);
        logger.LogInformation("Market board loaded: {Markets} markets, {Accounts} accounts in {Elapsed:N0} ms",
            board.Markets().Count, board.Accounts().Count, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
