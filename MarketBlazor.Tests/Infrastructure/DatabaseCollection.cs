namespace MarketBlazor.Tests.Infrastructure;

/// <summary>Tests that reset the shared database run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class DatabaseCollection : ICollectionFixture<DatabaseFixture>
{
    public const string Name = "Database";
}
