using MarketBlazor.Data.Configurations;
using MarketBlazor.Data.Entities;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.Data;

/// <summary>The trading tables and ASP.NET Core Identity's, in one database and one migrations history.</summary>
public class MarketDbContext(DbContextOptions<MarketDbContext> options) : IdentityDbContext<MarketUser>(options)
{
    public DbSet<Market> Markets => Set<Market>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<Position> Positions => Set<Position>();
    public DbSet<Trade> Trades => Set<Trade>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<MarketEvent> MarketEvents => Set<MarketEvent>();
    public DbSet<CashMovement> CashMovements => Set<CashMovement>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        IdentityTables.Name(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MarketDbContext).Assembly);
    }
}
