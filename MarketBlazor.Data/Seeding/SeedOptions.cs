namespace MarketBlazor.Data.Seeding;

/// <summary>How much demo data to create. The same options and seed always give the same markets, names and trades.</summary>
public sealed record SeedOptions
{
    public int Users { get; init; } = 1000;
    public int Markets { get; init; } = 200;
    public int Trades { get; init; } = 100_000;
    public int RandomSeed { get; init; } = 42;
    public decimal StartingBalance { get; init; } = 1000m;
}
