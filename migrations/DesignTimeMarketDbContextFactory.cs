using MarketBlazor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MarketBlazor.Migrations;

/// <summary>Lets `dotnet ef migrations add` build the model without a running database.</summary>
public sealed class DesignTimeMarketDbContextFactory : IDesignTimeDbContextFactory<MarketDbContext>
{
    public MarketDbContext CreateDbContext(string[] args) => new(MarketDbOptions.For("Host=127.0.0.1;Database=marketblazor_design"));
}
