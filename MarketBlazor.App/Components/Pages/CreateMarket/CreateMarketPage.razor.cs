using System.Globalization;
using MarketBlazor.App.Components.Shared;
using MarketBlazor.App.Live;
using MarketBlazor.App.People;
using MarketBlazor.Data.Lifecycle;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MarketBlazor.App.Components.Pages.CreateMarket;

/// <summary>
/// Launching a market (issue 9): the proposal is checked by the engine's own rules before the
/// creator is asked to confirm, the subsidy is shown as p0 and b change, and the engine's answer
/// (created, or refused with its reason) is what the creator sees.
/// </summary>
public sealed partial class CreateMarketPage
{
    private const string DateTimeLocalFormat = "yyyy-MM-ddTHH:mm";

    [Inject] private MarketLifecycle Lifecycle { get; set; } = default!;
    [Inject] private LaunchThrottle Launches { get; set; } = default!;
    [Inject] private MarketBoard Board { get; set; } = default!;
    [Inject] private CurrentTrader Traders { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private bool loaded;
    private Trader? trader;
    private string? question;
    private string? description;
    private string? category = "General";
    private string? closesAtText;
    private decimal percent = 50m;
    private decimal liquidity = 100m;
    private string? problem;
    private bool confirming;
    private bool creating;

    private decimal Cash => trader is null ? 0 : Board.Account(trader.AccountId)?.Balance ?? 0;

    /// <summary>The subsidy for the p0 and b on screen; null while p0 is out of range.</summary>
    private decimal? Subsidy =>
        percent is >= 1 and <= 99 ? MarketLaunch.Plan(percent / 100m, liquidity).Subsidy : null;

    protected override async Task OnInitializedAsync()
    {
        closesAtText = (Clock.GetUtcNow() + TimeSpan.FromDays(30)).UtcDateTime.ToString(DateTimeLocalFormat, CultureInfo.InvariantCulture);
        trader = await Traders.GetAsync();
        await Board.Loaded;
        loaded = true;
    }

    private void PercentChanged(decimal value)
    {
        percent = value;
        confirming = false;
    }

    private void LiquidityChanged(decimal value)
    {
        liquidity = value;
        confirming = false;
    }

    private void Review()
    {
        problem = Problem(out _);
        confirming = problem is null;
    }

    /// <summary>What stops this proposal, in the words shown to the creator, checked before anything is written.</summary>
    private string? Problem(out MarketProposal? proposal)
    {
        proposal = null;
        if (!DateTimeOffset.TryParseExact(closesAtText, DateTimeLocalFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var closesAt))
            return "Enter the close date and time, like 2027-06-30 18:00.";
        if (percent is < 1 or > 99) return "The initial probability must be between 1% and 99%.";
        proposal = new MarketProposal(question ?? "", description ?? "", category ?? "", closesAt, percent / 100m, liquidity);
        if (ProposalValidator.Problem(proposal, Clock.GetUtcNow()) is { } rule) return Sentence(rule);
        if (Subsidy > Cash) return $"Insufficient funds: launching this market costs a subsidy of {Format.Cash(Subsidy.Value)} and your cash is {Format.Cash(Cash)}.";
        return null;
    }

    private async Task CreateAsync()
    {
        if (creating || trader is null) return;
        problem = Problem(out var proposal);
        if (problem is not null || proposal is null)
        {
            confirming = false;
            return;
        }
        if (!Launches.TryAcquire(trader.UserId, out var retryAfter))
        {
            problem = $"You have launched as many markets as allowed this hour; try again in {Math.Ceiling(retryAfter.TotalMinutes)} min.";
            confirming = false;
            return;
        }
        creating = true;
        try
        {
            switch (await Lifecycle.CreateAsync(proposal, trader.AccountId))
            {
                case MarketCreated created:
                    Snackbar.Add($"Market launched: you paid a subsidy of {Format.Cash(created.Subsidy)}.", Severity.Success);
                    Navigation.NavigateTo($"/markets/{created.Market.Slug}");
                    break;
                case LifecycleRefused refused:
                    problem = Sentence(refused.Message);
                    confirming = false;
                    break;
            }
        }
        finally
        {
            creating = false;
        }
    }

    /// <summary>The engine words its rules for the API ("question must be…"); on screen they are sentences.</summary>
    private static string Sentence(string message)
    {
        var text = message.Replace("closesAt", "the close time", StringComparison.Ordinal)
            .Replace("initialProbability", "the initial probability", StringComparison.Ordinal);
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }
}
