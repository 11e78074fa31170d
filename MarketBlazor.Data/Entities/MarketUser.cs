using Microsoft.AspNetCore.Identity;

namespace MarketBlazor.Data.Entities;

/// <summary>A person who signs in. Owns exactly one trading <see cref="Account"/>, created in the same transaction.</summary>
public class MarketUser : IdentityUser
{
    [PersonalData]
    public required string DisplayName { get; set; }

    /// <summary>Made by "Try it now": no e-mail, password or passkey until the guest adds one.</summary>
    public bool IsGuest { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public Account? Account { get; set; }
}
