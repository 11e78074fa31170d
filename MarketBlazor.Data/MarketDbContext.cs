using MarketBlazor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.Data;

public class MarketDbContext(DbContextOptions<MarketDbContext> options) : DbContext(options)
{
    public DbSet<Market> Markets => Set<Market>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<Position> Positions => Set<Position>();
    public DbSet<Trade> Trades => Set<Trade>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MarketDbContext).Assembly);
}
