using MarketBlazor.App.Components.Shared;
using MarketBlazor.Data.Lifecycle;
using MarketBlazor.Data.Trading;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MarketBlazor.App.Components.Pages.Market;

public sealed partial class ResolvePanel
{
    [Inject] private MarketLifecycle Lifecycle { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired] public MarketSnapshot Market { get; set; } = default!;
    [Parameter, EditorRequired] public MarketActor Actor { get; set; } = default!;

    private Resolution outcome = Resolution.Yes;
    private decimal percent = 50m;
    private bool working;

    private async Task CloseAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Close trading?",
            $"Nobody will be able to trade “{Market.Question}” any more. You resolve it later.", yesText: "Close trading", cancelText: "Cancel");
        if (confirmed != true) return;
        await RunAsync(() => Lifecycle.CloseAsync(Market.Id, Actor));
    }

    private async Task ResolveAsync()
    {
        if (outcome == Resolution.Mkt && percent is < 0 or > 100)
        {
            Snackbar.Add("The MKT probability must be between 0% and 100%.", Severity.Error);
            return;
        }
        var confirmed = await Dialogs.ShowMessageBoxAsync("Resolve this market?",
            $"Resolve “{Market.Question}” as {Describe(outcome, percent / 100m)}? Every position is paid at once and this cannot be undone.",
            yesText: "Resolve", cancelText: "Cancel");
        if (confirmed != true) return;
        await RunAsync(() => Lifecycle.ResolveAsync(Market.Id, Actor, outcome, outcome == Resolution.Mkt ? percent / 100m : null));
    }

    private async Task RunAsync(Func<Task<LifecycleResult>> change)
    {
        working = true;
        try
        {
            switch (await change())
            {
                case MarketClosed:
                    Snackbar.Add("Trading is closed. Resolve the market when the answer is known.", Severity.Success);
                    break;
                case MarketResolved { Settlement: var settlement }:
                    Snackbar.Add($"Resolved {Describe(settlement.Resolution, settlement.Probability)}: {settlement.PositionsPaid} positions paid " +
                        $"{Format.Cash(settlement.TotalPaid)} in total; {Format.Cash(settlement.CreatorRemainder)} went back to the creator.", Severity.Success);
                    break;
                case LifecycleRefused refused:
                    Snackbar.Add(refused.Message, Severity.Error);
                    break;
            }
        }
        finally
        {
            working = false;
        }
    }

    private static string Describe(Resolution resolution, decimal? probability) => ResolutionText.Describe(resolution, probability);
}
