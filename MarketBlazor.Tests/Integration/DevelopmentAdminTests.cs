using MarketBlazor.App.Hosting;
using MarketBlazor.App.People;
using MarketBlazor.Data.Entities;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarketBlazor.Tests.Integration;

public class DevelopmentAdminTests(DatabaseFixture database) : DatabaseTest(database)
{
    private static readonly IConfiguration Configured = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{DevelopmentAdmin.Section}:Email"] = "admin@marketblazor.local",
            [$"{DevelopmentAdmin.Section}:Password"] = "MarketAdmin-2026",
        })
        .Build();

    [Fact]
    public async Task In_development_the_configured_admin_is_created_with_the_admin_role_and_the_configured_password()
    {
        await using var app = new MarketAppFactory(Database.ConnectionString);

        var created = await DevelopmentAdmin.CreateAsync(app.Services, Environment(Environments.Development), Configured, NullLogger.Instance);

        Assert.Equal("admin@marketblazor.local", created);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<MarketUser>>();
        var admin = (await users.FindByEmailAsync("admin@marketblazor.local"))!;
        Assert.True(await users.IsInRoleAsync(admin, MarketRoles.Admin));
        Assert.True(await users.CheckPasswordAsync(admin, "MarketAdmin-2026"));
        await using var db = await Database.Contexts.CreateDbContextAsync();
        Assert.Equal(admin.Id, (await db.Accounts.SingleAsync()).UserId);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Testing")]
    public async Task Outside_development_no_admin_is_created_even_when_configured(string environment)
    {
        await using var app = new MarketAppFactory(Database.ConnectionString);

        Assert.Null(await DevelopmentAdmin.CreateAsync(app.Services, Environment(environment), Configured, NullLogger.Instance));

        await using var db = await Database.Contexts.CreateDbContextAsync();
        Assert.Equal(0, await db.Users.CountAsync());
    }

    [Fact]
    public void The_development_configuration_names_the_admin_the_readme_documents()
    {
        var development = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.Development.json"), optional: false)
            .Build();

        Assert.Equal("admin@marketblazor.local", development[$"{DevelopmentAdmin.Section}:Email"]);
        Assert.False(string.IsNullOrEmpty(development[$"{DevelopmentAdmin.Section}:Password"]));
    }

    private static HostingEnvironment Environment(string name) => new() { EnvironmentName = name };
}
