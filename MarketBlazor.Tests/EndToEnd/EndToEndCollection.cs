namespace MarketBlazor.Tests.EndToEnd;

/// <summary>
/// Browser tests share one app and one Chromium, and run one at a time (a collection is sequential)
/// so that timing assertions are not fought over by other browser tests. They run alongside the
/// other collections, which is why the app has a database of its own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<EndToEndApp>
{
    public const string Name = "EndToEnd";
}
