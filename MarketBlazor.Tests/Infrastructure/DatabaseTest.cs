namespace MarketBlazor.Tests.Infrastructure;

/// <summary>Base for tests on the shared database: each starts from empty tables.</summary>
[Collection(DatabaseCollection.Name)]
public abstract class DatabaseTest(DatabaseFixture database) : IAsyncLifetime
{
    protected DatabaseFixture Database { get; } = database;
    protected TestData Data { get; } = new(database.Contexts);

    public virtual Task InitializeAsync() => Database.ResetAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;
}
