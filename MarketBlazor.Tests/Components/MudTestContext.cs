using Bunit;
using MarketBlazor.App.Identity;
using MarketBlazor.App.Live;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Queries;
using MarketBlazor.Data.Trading;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace MarketBlazor.Tests.Components;

/// <summary>
/// A bunit context wired like the app: MudBlazor plus the real board, broadcaster, trade service and
/// reader over the shared test database, so a trade placed here reaches rendered components the way
/// it reaches a circuit. Create it after the test's rows exist: <see cref="StartAsync"/> loads the board.
/// </summary>
public sealed class MudTestContext : BunitContext
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private MudTestContext(DatabaseFixture database)
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
            options.PopoverOptions.CheckForPopoverProvider = false;
        });
        Board = new MarketBoard(Options.Create(new TradingOptions()), TimeProvider.System);
        Broadcaster = new MarketBroadcaster(Board);
        Trades = TradeServices.Service(database.Contexts, Broadcaster);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(Board);
        Services.AddSingleton(Broadcaster);
        Services.AddSingleton(Trades);
        Services.AddSingleton(new MarketReader(database.Contexts));
        Services.AddSingleton<CurrentAccount>();
        Services.AddSingleton<LiveCircuit>();
        Services.AddSingleton(new DatabaseHealth(TimeProvider.System));
    }

    public MarketBoard Board { get; }
    public MarketBroadcaster Broadcaster { get; }

    /// <summary>Publishes fills to <see cref="Broadcaster"/>, as the app's trade service does.</summary>
    public TradeService Trades { get; }

    public CurrentAccount Account => Services.GetRequiredService<CurrentAccount>();

    public IEnumerable<string> SnackbarMessages => Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message ?? "");

    public static async Task<MudTestContext> StartAsync(DatabaseFixture database)
    {
        var context = new MudTestContext(database);
        await context.Board.LoadAsync(database.Contexts, CancellationToken.None);
        return context;
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        Broadcaster.Dispose();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Broadcaster.Dispose();
    }

    /// <summary>Fills an order at whatever the database currently quotes, failing the test if it does not fill.</summary>
    public static async Task<OrderFilled> FillAsync(TradeService trades, int accountId, int marketId, Side side, TradeAction action, double amount)
    {
        var quote = await trades.QuoteAsync(marketId, side, action, amount);
        var order = new OrderRequest(accountId, marketId, side, action, amount, (double)quote.Quote!.AveragePrice, quote.Quote.Sequence, 0.5);
        return Assert.IsType<OrderFilled>(await trades.PlaceOrderAsync(order));
    }
}
