using MarketBlazor.App.Live;
using MarketBlazor.App.People;
using MarketBlazor.Data.Queries;
using MarketBlazor.Data.Trading;

namespace MarketBlazor.App.Api;

/// <summary>What anyone may see of an account: who it is and what it is worth, never its holdings or cash.</summary>
public sealed record PublicAccountResponse(int Id, string DisplayName, decimal NetWorth, bool IsSimulated)
{
    public static PublicAccountResponse From(AccountView account, MarketBoard board) =>
        new(account.Id, account.DisplayName, WorthOf(account, board), account.IsSimulated);

    /// <summary>Cash plus positions marked to this instance's current prices, as the leaderboard counts it.</summary>
    public static decimal WorthOf(AccountView account, MarketBoard board) => account.Balance + account.Positions.Sum(board.MarkToMarket);
}

/// <summary>An account as its owner sees it through their API key.</summary>
public sealed record PrivateAccountResponse(
    int Id, string DisplayName, decimal NetWorth, bool IsSimulated, decimal Balance,
    IReadOnlyList<PositionView> Positions, IEnumerable<TradeResponse> RecentTrades)
{
    public static PrivateAccountResponse From(AccountView account, IReadOnlyList<TradeView> recentTrades, MarketBoard board) =>
        new(account.Id, account.DisplayName, PublicAccountResponse.WorthOf(account, board), account.IsSimulated, account.Balance,
            account.Positions, recentTrades.Select(TradeResponse.From));
}

/// <summary>The API key's owner: who the key acts for.</summary>
public sealed record MeResponse(string UserId, int AccountId, string DisplayName, decimal Balance, IReadOnlyList<string> Roles)
{
    public static MeResponse From(Trader trader, AccountView account, IReadOnlyList<string> roles) =>
        new(trader.UserId, trader.AccountId, trader.DisplayName, account.Balance, roles);
}
