using MarketBlazor.Data.Entities;

namespace MarketBlazor.Data.Trading;

/// <summary>The rows one order reads and writes; Account and Position are null when they do not exist.</summary>
internal sealed record OrderRows(Market Market, Account? Account, Position? Position);
