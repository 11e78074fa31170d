using System.Globalization;
using MarketBlazor.App.Live;
using MarketBlazor.App.People;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace MarketBlazor.App.Components.Shared;

public sealed partial class TradeTicket : IDisposable
{
    private static readonly decimal[] Tolerances = [0.005m, 0.01m, 0.02m, 0.05m];

    /// <summary>Phones show a keypad with a decimal key for the amount.</summary>
    private const InputMode DecimalKeyboard = InputMode.@decimal;

    [Parameter, EditorRequired] public int MarketId { get; set; }

    private Side side = Side.Yes;
    private TradeAction action = TradeAction.Buy;
    private decimal amount = 10m;
    private string amountText = "10";
    /// <summary>Why the typed amount is not a number the ticket will use; while set, nothing can be submitted.</summary>
    private string? amountProblem;
    private decimal slippage = 0.01m;
    private QuoteResult? current;
    /// <summary>The first sequence quoted here: later quotes are re-prices and are highlighted.</summary>
    private long firstQuotedSequence = -1;
    /// <summary>A refused order's fresh quote, and the quote the trader had sent (<see cref="staleFrom"/>), shown as old → new.</summary>
    private Quote? stale;
    private Quote? staleFrom;
    private bool submitting;

    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    private LiveFeed? feed;
    private CircuitWork work = null!;

    /// <summary>Who is signed in on this circuit, for display and the board checks; an order re-reads it (see <see cref="SubmitAsync"/>).</summary>
    private Trader? trader;

    /// <summary>Why this market takes no orders any more (closed by its creator, an admin or the clock, or resolved); null while it trades.</summary>
    private string? EndedMessage => Board.Market(MarketId) switch
    {
        null => null,
        { Status: MarketStatus.Resolved } => "Resolved: trading has ended.",
        var market when !market.AcceptsOrdersAt(Clock.GetUtcNow()) => "Closed, awaiting resolution.",
        _ => null,
    };

    private bool CanSubmit => EndedMessage is null && Health.IsReachable && !submitting && trader is not null && amountProblem is null
        && current?.Quote is { } quote && Shortfall(quote) is null;

    protected override async Task OnInitializedAsync()
    {
        work = new CircuitWork(InvokeAsync, DispatchExceptionAsync);
        Traders.Changed += OnTraderChanged;
        Health.Changed += OnHealthChanged;
        feed = LiveFeed.Start(Broadcaster, async (changes, resync) =>
        {
            // A move of this market re-prices the quote; a trade of this account elsewhere changes its balance.
            if (resync || changes.Any(c => c.Market.Id == MarketId || c.Trade?.AccountId == trader?.AccountId))
                await InvokeAsync(() =>
                {
                    Requote();
                    StateHasChanged();
                });
        }, DispatchExceptionAsync);
        trader = await Traders.GetAsync();
    }

    protected override void OnParametersSet()
    {
        if (stale?.MarketId != MarketId) DismissStale();
        Requote();
    }

    /// <summary>A page reloaded after its circuit was lost opens with what was typed before (<see cref="TicketDraft"/>).</summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || Slug is not { } slug) return;
        TicketDraft? draft = null;
        await RunDraftStorageAsync(async () => draft = await TicketDraft.LoadAsync(JS, slug));
        // A tolerance the ticket does not offer means the draft is not one it wrote: ignore all of it.
        if (draft is null || !Tolerances.Contains(draft.Tolerance)) return;
        side = draft.Side;
        action = draft.Action;
        slippage = draft.Tolerance;
        amountText = draft.Amount;
        (var parsed, amountProblem) = AmountText.Parse(amountText);
        if (parsed is { } value) amount = value;
        InputsChanged();
        StateHasChanged();
    }

    private string? Slug => Board.Market(MarketId)?.Slug;

    private Task SaveDraftAsync() => Slug is { } slug
        ? RunDraftStorageAsync(() => new TicketDraft(side, action, amountText, slippage).SaveAsync(JS, slug))
        : Task.CompletedTask;

    private Task ClearDraftAsync() => Slug is { } slug
        ? RunDraftStorageAsync(() => TicketDraft.ClearAsync(JS, slug))
        : Task.CompletedTask;

    /// <summary>The draft is a convenience: a circuit that lost its browser simply keeps no draft.</summary>
    private static async Task RunDraftStorageAsync(Func<Task> storage)
    {
        try
        {
            await storage();
        }
        catch (JSDisconnectedException)
        {
            // Nothing to keep or restore in a browser that is gone.
        }
    }

    private void Requote()
    {
        current = Board.Quote(MarketId, side, action, (double)amount);
        if (firstQuotedSequence < 0 && current.Quote is { } first) firstQuotedSequence = first.Sequence;
        // Once the board has moved past the refused order's fresh quote, the board's own quote is the one worth accepting.
        if (stale is not null && current.Quote is { } quote && quote.Sequence > stale.Sequence) stale = quote;
    }

    private void InputsChanged()
    {
        DismissStale();
        Requote();
    }

    private void DismissStale()
    {
        stale = null;
        staleFrom = null;
    }

    private async Task ActionChanged(TradeAction value)
    {
        action = value;
        InputsChanged();
        await SaveDraftAsync();
    }

    private async Task SideChanged(Side value)
    {
        side = value;
        InputsChanged();
        await SaveDraftAsync();
    }

    private async Task AmountChanged(string? text)
    {
        amountText = text ?? "";
        (var parsed, amountProblem) = AmountText.Parse(amountText);
        if (parsed is { } value)
        {
            amount = value;
            InputsChanged();
        }
        await SaveDraftAsync();
    }

    private async Task SlippageChanged(decimal value)
    {
        slippage = value;
        await SaveDraftAsync();
    }

    private async Task UseMaximum()
    {
        if (trader?.AccountId is not { } accountId) return;
        amount = action == TradeAction.Buy
            ? Board.Account(accountId)?.Balance ?? 0
            : SharesHeld(accountId);
        amountText = Format.Raw(amount);
        amountProblem = null;
        InputsChanged();
        await SaveDraftAsync();
    }

    private decimal SharesHeld(int accountId) =>
        Board.Position(accountId, MarketId) is { } position ? (side == Side.Yes ? position.YesShares : position.NoShares) : 0;

    /// <summary>Why the current account cannot afford this quote, checked against the board before bothering the database.</summary>
    private string? Shortfall(Quote quote)
    {
        if (trader?.AccountId is not { } accountId) return null;
        if (quote.Action == TradeAction.Buy)
        {
            var balance = Board.Account(accountId)?.Balance ?? 0;
            return quote.Cash > balance
                ? $"Insufficient funds: this order costs {Format.Cash(quote.Cash)} and your cash is {Format.Cash(balance)}."
                : null;
        }
        var held = SharesHeld(accountId);
        return quote.Shares > held
            ? $"Insufficient shares: selling {Format.Shares(quote.Shares)} {Format.SideName(quote.Side)} but you hold {Format.Shares(held)}."
            : null;
    }

    private async Task SubmitAsync(Quote? quote)
    {
        if (submitting || quote is null) return;
        // Read the sign-in state again rather than trusting what was rendered: a sign-out in another tab
        // may not have reached this component yet, and the account is never anything but the trader's own.
        trader = await Traders.GetAsync();
        if (trader is null)
        {
            Snackbar.Add("You are signed out: sign in to trade.", Severity.Warning);
            return;
        }
        var accountId = trader.AccountId;
        if (!Throttle.TryAcquire(trader.UserId, out var retryAfter))
        {
            Snackbar.Add($"Too many orders: wait {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} s", Severity.Warning);
            return;
        }
        submitting = true;
        try
        {
            var order = new OrderRequest(accountId, MarketId, quote.Side, quote.Action, (double)quote.Amount,
                (double)quote.AveragePrice, quote.Sequence, (double)slippage);
            var result = await Trades.PlaceOrderAsync(order);
            Report(result, quote);
            // A filled order is done with; the next visit starts from a fresh ticket.
            if (result is OrderFilled) await ClearDraftAsync();
        }
        catch (Exception e)
        {
            // The trader gets plain words; the details belong in the log.
            Logger.LogError(e, "Order on market {MarketId} for account {AccountId} failed", MarketId, accountId);
            Snackbar.Add("The order could not be placed because the exchange did not answer. Check your portfolio before trying again.", Severity.Error);
        }
        finally
        {
            submitting = false;
            Requote();
        }
    }

    private void Report(OrderResult result, Quote sent)
    {
        switch (result)
        {
            case OrderFilled filled:
                DismissStale();
                var trade = filled.Trade;
                Snackbar.Add($"{(trade.Action == TradeAction.Buy ? "Bought" : "Sold")} {Format.Shares(trade.Shares)} {Format.SideName(trade.Side)} " +
                    $"for {Format.Cash(trade.Amount)} at {Format.Price(trade.AveragePrice)}", Severity.Success);
                break;
            case OrderRejected { Reason: RejectReason.StaleQuote, FreshQuote: { } fresh }:
                // Accepting again and being refused again still compares with what the trader first sent.
                staleFrom = stale is null ? sent : staleFrom;
                stale = fresh;
                Snackbar.Add("The price moved beyond your tolerance, so nothing was bought or sold. Review the new price in the ticket.", Severity.Warning);
                break;
            case OrderRejected rejected:
                Snackbar.Add(Sentence(rejected.Message), Severity.Error);
                break;
        }
    }

    private string SidePrice(Side outcome) => Board.Market(MarketId) is { } market
        ? Format.Percent(outcome == Side.Yes ? market.YesPrice : market.NoPrice)
        : "";

    private static string ToleranceLabel(decimal tolerance) => (tolerance * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string ToleranceKey(decimal tolerance) => (tolerance * 100).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>The trade service words its messages for an API ("amount must be…"); on screen they start a sentence.</summary>
    private static string Sentence(string message) => message.Length == 0 ? message : char.ToUpperInvariant(message[0]) + message[1..];

    /// <summary>Signed in or out (here or in another tab): the ticket follows at once, and a signed-out ticket cannot trade.</summary>
    private void OnTraderChanged() => work.Start(async () =>
    {
        trader = await Traders.GetAsync();
        DismissStale();
        Requote();
        StateHasChanged();
    });

    /// <summary>The layout's banner says trading is paused while the database is away; the ticket agrees at once.</summary>
    private void OnHealthChanged() => work.Start(() =>
    {
        StateHasChanged();
        return Task.CompletedTask;
    });

    public void Dispose()
    {
        Traders.Changed -= OnTraderChanged;
        Health.Changed -= OnHealthChanged;
        feed?.Dispose();
    }
}
