using MarketBlazor.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace MarketBlazor.App.People;

/// <summary>
/// Play money needs no mail server: confirmation and reset links are written to the log, where a
/// developer (or an operator of a private deployment) copies them from.
/// </summary>
public sealed class LoggingEmailSender(ILogger<LoggingEmailSender> logger) : IEmailSender<MarketUser>
{
    public Task SendConfirmationLinkAsync(MarketUser user, string email, string confirmationLink) =>
        Log(email, "confirm your e-mail address", confirmationLink);

    public Task SendPasswordResetLinkAsync(MarketUser user, string email, string resetLink) =>
        Log(email, "reset your password", resetLink);

    public Task SendPasswordResetCodeAsync(MarketUser user, string email, string resetCode) =>
        Log(email, "reset your password with this code", resetCode);

    private Task Log(string email, string purpose, string link)
    {
        logger.LogInformation("E-mail to {Email}: {Purpose}: {Link}", email, purpose, System.Net.WebUtility.HtmlDecode(link));
        return Task.CompletedTask;
    }
}
