using System.Collections.Immutable;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Queries;
using MarketBlazor.Data.Trading;

namespace MarketBlazor.App.Live;

/// <summary>
/// One change to the board, made by a writer holding the board's writer lock: starts from the
/// published state, replaces only the market, accounts and positions the change touches, and
/// <see cref="Finish"/>es into the next state to publish. Readers never see it half done.
/// </summary>
internal sealed class BoardEdit(BoardState from)
{
    private ImmutableDictionary<int, BoardMarket> markets = from.Markets;
    private ImmutableDictionary<string, int> slugs = from.Slugs;
    private ImmutableDictionary<int, BoardAccount> accounts = from.Accounts;
    private ImmutableDictionary<int, ImmutableDictionary<int, PositionView>> positions = from.Positions;

    public BoardMarket? Market(int id) => markets.GetValueOrDefault(id);

    public BoardState Finish() => new(markets, slugs, accounts, positions, from.Version + 1);

    public void Replace(BoardMarket market) => markets = markets.SetItem(market.Id, market);

    /// <summary>A market the board has not loaded: listed, and its creator charged the subsidy they paid at launch.</summary>
    public BoardMarket Add(MarketSnapshot market, DateTimeOffset listedAt)
    {
        var entry = BoardMarket.Listed(market, listedAt);
        Replace(entry);
        slugs = slugs.SetItem(market.Slug, market.Id);
        if (market.CreatorAccountId is { } creatorId) MoveCash(creatorId, -market.Subsidy);
        return entry;
    }

    public BoardMarket Record(BoardMarket entry, MarketSnapshot market, TradeView trade)
    {
        var recorded = entry.Recorded(market, trade);
        Replace(recorded);

        var cash = trade.Action == TradeAction.Buy ? trade.Amount : -trade.Amount;
        var shares = trade.Action == TradeAction.Buy ? trade.Shares : -trade.Shares;
        MoveCash(trade.AccountId, -cash);
        var held = positions.GetValueOrDefault(trade.AccountId) ?? ImmutableDictionary<int, PositionView>.Empty;
        var position = held.GetValueOrDefault(trade.MarketId) ?? new PositionView(trade.MarketId, 0, 0, 0);
        position = trade.Side == Side.Yes
            ? position with { YesShares = position.YesShares + shares, CostBasis = position.CostBasis + cash }
            : position with { NoShares = position.NoShares + shares, CostBasis = position.CostBasis + cash };
        // Pairs netted after the fill (Ledger): they left the position and paid 1 each.
        position = position with
        {
            YesShares = position.YesShares - trade.Redeemed,
            NoShares = position.NoShares - trade.Redeemed,
            CostBasis = position.CostBasis - trade.Redeemed,
        };
        positions = positions.SetItem(trade.AccountId, held.SetItem(trade.MarketId, position));
        if (trade.Redeemed > 0) MoveCash(trade.AccountId, trade.Redeemed);
        return recorded;
    }

    public BoardMarket Record(BoardMarket entry, MarketSnapshot market, MarketEventView change)
    {
        var recorded = entry.With(market);
        Replace(recorded);
        foreach (var paid in change.Paid) MoveCash(paid.AccountId, paid.Amount);
        return recorded;
    }

    public bool TryOpen(BoardAccount account)
    {
        if (accounts.ContainsKey(account.Id)) return false;
        accounts = accounts.Add(account.Id, account);
        return true;
    }

    public bool Rename(int accountId, string displayName)
    {
        if (!accounts.TryGetValue(accountId, out var account)) return false;
        accounts = accounts.SetItem(accountId, account with { DisplayName = displayName });
        return true;
    }

    private void MoveCash(int accountId, decimal amount)
    {
        if (accounts.TryGetValue(accountId, out var account))
            accounts = accounts.SetItem(accountId, account with { Balance = account.Balance + amount });
    }
}
