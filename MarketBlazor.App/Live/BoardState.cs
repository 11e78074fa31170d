using System.Collections.Immutable;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Queries;
using MarketBlazor.Data.Trading;

namespace MarketBlazor.App.Live;

/// <summary>
/// The whole board at one version, never modified once published: readers take the reference and
/// read without a lock. Views that every reader would otherwise rebuild (the market list, the
/// leaderboard) are computed lazily, once for this version; a racing second computation gives the same answer.
/// </summary>
internal sealed class BoardState(
    ImmutableDictionary<int, BoardMarket> markets,
    ImmutableDictionary<string, int> slugs,
    ImmutableDictionary<int, BoardAccount> accounts,
    ImmutableDictionary<int, ImmutableDictionary<int, PositionView>> positions,
    long version)
{
    public static readonly BoardState Empty = new(
        ImmutableDictionary<int, BoardMarket>.Empty,
        ImmutableDictionary.Create<string, int>(StringComparer.OrdinalIgnoreCase),
        ImmutableDictionary<int, BoardAccount>.Empty,
        ImmutableDictionary<int, ImmutableDictionary<int, PositionView>>.Empty,
        0);

    private BoardMarket[]? entries;
    private MarketSnapshot[]? snapshots;
    private BoardAccount[]? accountsById;
    private (BoardAccount Account, decimal NetWorth)[]? leaderboard;

    public ImmutableDictionary<int, BoardMarket> Markets { get; } = markets;

    public ImmutableDictionary<string, int> Slugs { get; } = slugs;

    public ImmutableDictionary<int, BoardAccount> Accounts { get; } = accounts;

    /// <summary>Positions by account, then by market.</summary>
    public ImmutableDictionary<int, ImmutableDictionary<int, PositionView>> Positions { get; } = positions;

    public long Version { get; } = version;

    public IReadOnlyList<BoardMarket> Entries => EntryArray;

    public IReadOnlyList<MarketSnapshot> Snapshots => snapshots ??= Array.ConvertAll(EntryArray, m => m.Snapshot);

    public IReadOnlyList<BoardAccount> AccountsById => accountsById ??= [.. Accounts.Values.OrderBy(a => a.Id)];

    /// <summary>Every account by net worth, richest first, ties by id.</summary>
    public (BoardAccount Account, decimal NetWorth)[] Leaderboard => leaderboard ??= Rank();

    private BoardMarket[] EntryArray => entries ??= [.. Markets.Values.OrderBy(m => m.Id)];

    private (BoardAccount, decimal)[] Rank()
    {
        // A price is a logarithm-and-exponent computation: once per market, not once per position.
        var prices = Markets.Values.ToDictionary(m => m.Id, m => m.Snapshot.Status == MarketStatus.Resolved ? (decimal?)null : m.Snapshot.YesPrice);
        var ranked = new (BoardAccount Account, decimal NetWorth)[Accounts.Count];
        var i = 0;
        foreach (var account in Accounts.Values)
        {
            var worth = account.Balance;
            if (Positions.TryGetValue(account.Id, out var held))
                foreach (var position in held.Values) worth += Value(position, prices.GetValueOrDefault(position.MarketId, 0.5m));
            ranked[i++] = (account, worth);
        }
        Array.Sort(ranked, static (a, b) => b.NetWorth != a.NetWorth ? b.NetWorth.CompareTo(a.NetWorth) : a.Account.Id.CompareTo(b.Account.Id));
        return ranked;
    }

    public static decimal MarkToMarket(ImmutableDictionary<int, BoardMarket> markets, PositionView position)
    {
        var market = markets.GetValueOrDefault(position.MarketId)?.Snapshot;
        return Value(position, market is null ? 0.5m : market.Status == MarketStatus.Resolved ? null : market.YesPrice);
    }

    /// <summary>Yes shares at the Yes price, No shares at 1 − it; nothing once resolved (null price: it was paid in cash).</summary>
    private static decimal Value(PositionView position, decimal? yesPrice) =>
        yesPrice is { } price ? position.YesShares * price + position.NoShares * (1 - price) : 0;
}
