using System.Text.Json;
using MarketBlazor.Data.Entities;
using Microsoft.JSInterop;

namespace MarketBlazor.App.Components.Shared;

/// <summary>
/// What was typed into a market's ticket, kept in the tab's sessionStorage under the market's slug, so
/// a page that had to reload (its circuit was lost while offline) opens with the same order.
/// A short disconnect keeps the circuit, and with it the ticket itself; this covers the reload.
/// </summary>
public sealed record TicketDraft(Side Side, TradeAction Action, string Amount, decimal Tolerance)
{
    private static string Key(string slug) => $"marketblazor-ticket:{slug}";

    /// <summary>The saved draft, or null when there is none or it is not one this app wrote (storage is the user's to edit).</summary>
    public static async Task<TicketDraft?> LoadAsync(IJSRuntime js, string slug)
    {
        var json = await js.InvokeAsync<string?>("sessionStorage.getItem", Key(slug));
        if (json is null) return null;
        try
        {
            var draft = JsonSerializer.Deserialize<TicketDraft>(json);
            return draft is not null && Enum.IsDefined(draft.Side) && Enum.IsDefined(draft.Action) && draft.Amount is not null ? draft : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async Task SaveAsync(IJSRuntime js, string slug) =>
        await js.InvokeVoidAsync("sessionStorage.setItem", Key(slug), JsonSerializer.Serialize(this));

    public static async Task ClearAsync(IJSRuntime js, string slug) =>
        await js.InvokeVoidAsync("sessionStorage.removeItem", Key(slug));
}
