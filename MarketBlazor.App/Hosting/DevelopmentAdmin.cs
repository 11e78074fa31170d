using MarketBlazor.App.People;

namespace MarketBlazor.App.Hosting;

/// <summary>
/// In Development only, an admin to sign in as on a freshly seeded database, with the e-mail and
/// password of <c>People:DevelopmentAdmin</c> in appsettings.Development.json. Any other environment
/// gets its admins from <c>users add EMAIL --admin</c>, with a generated password.
/// </summary>
public static class DevelopmentAdmin
{
    public const string Section = "People:DevelopmentAdmin";

    /// <returns>The admin's e-mail address when one was created; null outside Development, when unconfigured, or when creation failed (logged).</returns>
    public static async Task<string?> CreateAsync(IServiceProvider services, IHostEnvironment environment, IConfiguration configuration, ILogger logger)
    {
        if (!environment.IsDevelopment()) return null;
        var email = configuration[$"{Section}:Email"];
        var password = configuration[$"{Section}:Password"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password)) return null;

        await using var scope = services.CreateAsyncScope();
        var people = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        var (user, errors) = await people.CreateAsync(email, password, "Admin");
        var promoted = user is null ? null : await people.MakeAdminAsync(user);
        if (user is null || promoted is not { Succeeded: true })
        {
            logger.LogWarning("Could not create the development admin {Email}: {Errors}", email,
                string.Join(" ", (promoted?.Errors ?? errors).Select(e => e.Description)));
            return null;
        }
        logger.LogInformation("Development admin: sign in as {Email} with password {Password} ({Section} in appsettings.Development.json)",
            email, password, Section);
        return email;
    }
}
