using System.Security.Claims;

namespace MarketBlazor.App.People;

/// <summary>Who is acting: a signed-in person and the one account they trade as.</summary>
public sealed record Trader(string UserId, int AccountId, string DisplayName, bool IsGuest, bool IsAdmin)
{
    /// <summary>The trader a principal stands for, or null for anonymous visitors (and principals without an account).</summary>
    public static Trader? From(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true) return null;
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null || !int.TryParse(principal.FindFirstValue(MarketClaims.AccountId), out var accountId)) return null;
        return new Trader(userId, accountId,
            principal.FindFirstValue(MarketClaims.DisplayName) ?? principal.Identity.Name ?? "",
            principal.HasClaim(MarketClaims.Guest, "true"),
            principal.IsInRole(MarketRoles.Admin));
    }
}
