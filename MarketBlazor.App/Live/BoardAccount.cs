namespace MarketBlazor.App.Live;

public sealed record BoardAccount(int Id, string DisplayName, decimal Balance, bool IsSimulated);
