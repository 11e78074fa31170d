namespace MarketBlazor.Data.Queries;

public sealed record AccountView(int Id, string DisplayName, decimal Balance, bool IsSimulated, IReadOnlyList<PositionView> Positions);
