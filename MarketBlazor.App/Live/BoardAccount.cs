namespace MarketBlazor.App.Live;

/// <param name="IsSimulated">A bot: a simulated account that no person owns (user_id null). Only bots are traded by the simulator.</param>
public sealed record BoardAccount(int Id, string DisplayName, decimal Balance, bool IsSimulated);
