using System.ComponentModel.DataAnnotations;
using MarketBlazor.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace MarketBlazor.App.People;

/// <summary>
/// E-mails are unique, but optional: Identity's own <c>RequireUniqueEmail</c> also demands an e-mail,
/// which a guest ("Try it now") does not have until it adds one.
/// </summary>
public sealed class OptionalUniqueEmailValidator : IUserValidator<MarketUser>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<MarketUser> manager, MarketUser user)
    {
        var email = await manager.GetEmailAsync(user);
        if (email is null) return IdentityResult.Success;
        if (string.IsNullOrWhiteSpace(email) || !new EmailAddressAttribute().IsValid(email))
            return IdentityResult.Failed(manager.ErrorDescriber.InvalidEmail(email));
        var owner = await manager.FindByEmailAsync(email);
        return owner is not null && owner.Id != user.Id
            ? IdentityResult.Failed(manager.ErrorDescriber.DuplicateEmail(email))
            : IdentityResult.Success;
    }
}
