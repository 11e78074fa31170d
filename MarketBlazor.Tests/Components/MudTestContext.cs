using Bunit;
using System.Globalization;
using System.Security.Claims;
using Bunit.TestDoubles;
using MarketBlazor.App.People;
using MarketBlazor.App.Live;
using MarketBlazor.App.Components.Pages.Leaderboard;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Lifecycle;
using MarketBlazor.Data.Queries;
using MarketBlazor.Data.Trading;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace MarketBlazor.Tests.Components;

/// <summary>
/// A bunit context wired like the app: MudBlazor plus the real board, broadcaster, trade service and
/// reader over the shared test database, so a trade placed here reaches rendered components the way
/// it reaches a circuit. Create it after the test's rows exist: <see cref="StartAsync"/> loads the board.
/// Visitors start anonymous; <see cref="SignInAs"/> signs one in the way the cookie would (the same claims),
/// and <see cref="SignOut"/> signs it out, raising the same change a sign-out in another tab does.
/// </summary>
public sealed class MudTestContext : BunitContext
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private MudTestContext(DatabaseFixture database, RateLimitOptions? limits)
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Authorization = AddAuthorization();
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
        Lifecycle = Lifecycles.Service(database.Contexts, Trades, Broadcaster);
        Services.AddSingleton(Lifecycle);
        Services.AddSingleton(new CashHistoryReader(database.Contexts));
        Services.AddSingleton(new TradeHistoryReader(database.Contexts));
        Services.AddSingleton(new PeriodActivityReader(database.Contexts));
        Services.AddSingleton<PeriodLeaderboard>();
        Services.AddScoped<CurrentTrader>();
        // Limits off unless a test asks for them, so only the throttling tests are throttled.
        Services.AddSingleton(new OrderThrottle(Options.Create(limits ?? new RateLimitOptions { OrdersPerSecond = 0 })));
        Services.AddSingleton(new LaunchThrottle(Options.Create(limits ?? new RateLimitOptions { MarketCreationsPerHour = 0 })));
        Services.AddSingleton(new ApiKeys(database.Contexts, Options.Create(new PeopleOptions()), TimeProvider.System, NullLogger<ApiKeys>.Instance));
        Services.AddSingleton<LiveCircuit>();
        Services.AddSingleton(new DatabaseHealth(TimeProvider.System));
    }

    public MarketBoard Board { get; }
    public MarketBroadcaster Broadcaster { get; }

    /// <summary>Publishes fills to <see cref="Broadcaster"/>, as the app's trade service does.</summary>
    public TradeService Trades { get; }

    public BunitAuthorizationContext Authorization { get; }

    /// <summary>Launches, closes and resolves through the same lanes as <see cref="Trades"/>, publishing to <see cref="Broadcaster"/>.</summary>
    public MarketLifecycle Lifecycle { get; }

    public OrderThrottle Throttle => Services.GetRequiredService<OrderThrottle>();

    /// <summary>Signs in as the owner of <paramref name="account"/> with the claims MarketClaimsPrincipalFactory puts in the cookie.</summary>
    /// <returns>The user id the principal carries (the order throttle's partition).</returns>
    public string SignInAs(Account account, string? userId = null)
    {
        userId ??= $"user-of-account-{account.Id}";
        Authorization.SetAuthorized(account.DisplayName);
        Authorization.SetClaims(
            new Claim(ClaimTypes.NameIdentifier, userId),
            new Claim(MarketClaims.AccountId, account.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(MarketClaims.DisplayName, account.DisplayName));
        return userId;
    }

    /// <summary>Signs in as an admin owning <paramref name="account"/> (the role claim MarketClaimsPrincipalFactory adds).</summary>
    public void SignInAsAdmin(Account account)
    {
        var userId = $"user-of-account-{account.Id}";
        Authorization.SetAuthorized(account.DisplayName);
        Authorization.SetClaims(
            new Claim(ClaimTypes.NameIdentifier, userId),
            new Claim(MarketClaims.AccountId, account.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(MarketClaims.DisplayName, account.DisplayName),
            new Claim(ClaimTypes.Role, MarketRoles.Admin));
    }

    /// <summary>The sign-in state becomes anonymous, as when the user signs out in another tab (SignOutSignal).</summary>
    public void SignOut() => Authorization.SetNotAuthorized();

    public IEnumerable<string> SnackbarMessages => Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message ?? "");

    public static async Task<MudTestContext> StartAsync(DatabaseFixture database, RateLimitOptions? limits = null)
    {
        var context = new MudTestContext(database, limits);
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
