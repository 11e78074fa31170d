using MarketBlazor.Data;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.Tests.Unit;

public class MigrationTests
{
    [Fact]
    public void The_model_has_no_changes_without_a_migration()
    {
        using var db = new MarketDbContext(MarketDbOptions.For("Host=127.0.0.1;Database=unused"));

        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --project migrations");
    }
}
