using MarketBlazor.Data.Entities;

namespace MarketBlazor.Data.Seeding;

/// <summary>A simulated marketplace, ready to be written: every row with its id, in id order.</summary>
internal sealed record SeedData(
    IReadOnlyList<Market> Markets,
    IReadOnlyList<Account> Accounts,
    IReadOnlyList<Position> Positions,
    IReadOnlyList<Trade> Trades,
    IReadOnlyList<MarketEvent> Events,
    IReadOnlyList<CashMovement> Movements);
