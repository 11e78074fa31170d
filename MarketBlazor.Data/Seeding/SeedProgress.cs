namespace MarketBlazor.Data.Seeding;

/// <summary>How far one phase of a seed has come: "simulate" (trades played), then one COPY per table (rows written).</summary>
public readonly record struct SeedProgress(string Phase, long Done, long Total);
