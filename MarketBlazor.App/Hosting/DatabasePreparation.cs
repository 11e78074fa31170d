using MarketBlazor.Data;
using MarketBlazor.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MarketBlazor.App.Hosting;

public static class DatabasePreparation
{
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MarketDbContext>>().CreateDbContextAsync();
        // Without this, Migrate's first look at an absent history table is logged as a failed command.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync();
        await db.Database.MigrateAsync();
    }

    /// <summary>
    /// Applies migrations; in development, also fills an empty database with demo data so the first
    /// run has something to trade, and creates the development admin (<see cref="DevelopmentAdmin"/>).
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await app.MigrateDatabaseAsync();
        if (await app.SeedEmptyDatabaseAsync())
            await DevelopmentAdmin.CreateAsync(app.Services, app.Environment, app.Configuration, app.Logger);
    }

    /// <returns>True when the database was empty and has been seeded (Seed:OnEmptyDatabase).</returns>
    private static async Task<bool> SeedEmptyDatabaseAsync(this WebApplication app)
    {
        var seed = app.Configuration.GetSection("Seed");
        if (!seed.GetValue("OnEmptyDatabase", false)) return false;

        var seeder = new BulkSeeder(app.Services.GetRequiredService<MarketDatabase>().ConnectionString);
        if (!await seeder.IsEmptyAsync(CancellationToken.None)) return false;

        var options = new SeedOptions
        {
            Users = seed.GetValue("Users", 300),
            Markets = seed.GetValue("Markets", 60),
            Trades = seed.GetValue("Trades", 30_000),
        };
        app.Logger.LogInformation("Empty database: seeding {Users} users, {Markets} markets, {Trades} trades", options.Users, options.Markets, options.Trades);
        var report = await seeder.SeedAsync(options, null, CancellationToken.None);
        app.Logger.LogInformation("Seeded demo data: {Report}", report);
        return true;
    }
}
