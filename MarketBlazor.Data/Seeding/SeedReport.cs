namespace MarketBlazor.Data.Seeding;

/// <summary>
/// What a seed wrote and where the time went. <see cref="Trades"/> can fall short of the
/// request only when no account could afford a buy and nobody held shares to sell.
/// </summary>
public sealed record SeedReport(
    int Markets,
    int Accounts,
    int Positions,
    int Trades,
    int Sells,
    TimeSpan Simulate,
    TimeSpan Copy,
    TimeSpan Elapsed);
