using System.Collections.Immutable;
using System.Data;
using MarketBlazor.Data;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Queries;
using MarketBlazor.Data.Trading;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MarketBlazor.App.Live;

/// <summary>
/// The in-memory read model (DESIGN §5): every market with its recent price history and trades,
/// every account's balance and positions. Loaded once from PostgreSQL, then kept current by the
/// broadcaster's shard workers, so page views and quotes cost no query. Each trade is applied
/// exactly once, in per-market sequence order; anything at or below a market's sequence is already
/// included. Readers never lock: the whole board is one immutable <see cref="BoardState"/> that
/// writers (serialised among themselves) replace on each change.
/// </summary>
public sealed class MarketBoard(IOptions<TradingOptions> options, TimeProvider clock)
{
    public const int RecentTradesKept = 50;

    private readonly Lock writer = new();
    private readonly OrderValidator validator = new(options.Value);
    private readonly TaskCompletionSource loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile BoardState state = BoardState.Empty;

    public Task Loaded => loaded.Task;

    /// <summary>Bumped on every change; derived views (the leaderboard, the market list) are computed once per version.</summary>
    public long Version => state.Version;

    public async Task LoadAsync(IDbContextFactory<MarketDbContext> contexts, CancellationToken cancellationToken)
    {
        var snapshot = await BoardSnapshot.ReadAsync(contexts, cancellationToken);
        lock (writer)
        {
            var current = state;
            var markets = current.Markets.ToBuilder();
            var slugs = current.Slugs.ToBuilder();
            foreach (var market in snapshot.Markets)
            {
                var points = snapshot.Points.GetValueOrDefault(market.Id) ?? [];
                var recent = snapshot.Trades.GetValueOrDefault(market.Id) ?? [];
                markets[market.Id] = BoardMarket.Loaded(MarketSnapshot.From(market), market.CreatedAt, points, recent);
                slugs[market.Slug] = market.Id;
            }
            var accounts = current.Accounts.ToBuilder();
            // A person's account is never a bot, whatever its is_simulated flag says: the simulator trades only bots.
            foreach (var account in snapshot.Accounts)
                accounts[account.Id] = new BoardAccount(account.Id, account.DisplayName, account.Balance, account.IsSimulated && account.UserId is null);
            var positions = current.Positions.ToBuilder();
            foreach (var held in snapshot.Positions.GroupBy(p => p.AccountId))
            {
                var mine = (positions.GetValueOrDefault(held.Key) ?? ImmutableDictionary<int, PositionView>.Empty).ToBuilder();
                foreach (var p in held) mine[p.MarketId] = new PositionView(p.MarketId, p.YesShares, p.NoShares, p.CostBasis);
                positions[held.Key] = mine.ToImmutable();
            }
            Publish(new BoardState(markets.ToImmutable(), slugs.ToImmutable(), accounts.ToImmutable(), positions.ToImmutable(), current.Version + 1));
        }
        loaded.TrySetResult();
    }

    /// <summary>
    /// Applies a committed trade if it is the market's next one. A trade beyond the next means
    /// changes were missed: nothing is applied and the caller must repair the market from the database.
    /// </summary>
    public ApplyOutcome Apply(MarketSnapshot market, TradeView trade)
    {
        lock (writer)
        {
            var edit = new BoardEdit(state);
            var entry = edit.Market(market.Id);
            var known = entry?.Sequence ?? 0;
            if (market.Sequence <= known) return ApplyOutcome.AlreadyApplied;
            if (trade.Sequence != known + 1) return ApplyOutcome.Gap;
            edit.Record(entry ?? edit.Add(market, trade.ExecutedAt), market, trade);
            Publish(edit.Finish());
            return ApplyOutcome.Applied;
        }
    }

    /// <summary>
    /// Applies a committed close or resolution if it is the market's next change, moving the balances
    /// it paid; like <see cref="Apply(MarketSnapshot, TradeView)"/>, anything beyond the next is a gap.
    /// </summary>
    public ApplyOutcome Apply(MarketSnapshot market, MarketEventView change)
    {
        lock (writer)
        {
            var edit = new BoardEdit(state);
            var entry = edit.Market(market.Id);
            var known = entry?.Sequence ?? 0;
            if (market.Sequence <= known) return ApplyOutcome.AlreadyApplied;
            if (entry is null || change.Sequence != known + 1) return ApplyOutcome.Gap;
            edit.Record(entry, market, change);
            Publish(edit.Finish());
            return ApplyOutcome.Applied;
        }
    }

    /// <summary>A market just launched (sequence 0); false when the board already has it.</summary>
    public bool Launch(MarketSnapshot market)
    {
        lock (writer)
        {
            var edit = new BoardEdit(state);
            if (edit.Market(market.Id) is not null) return false;
            edit.Add(market, clock.GetUtcNow());
            Publish(edit.Finish());
            return true;
        }
    }

    /// <summary>
    /// Brings a market up to <paramref name="current"/> with the trades and then the close or
    /// resolution it missed (oldest first; a market's events always follow its trades); returns whether anything changed.
    /// </summary>
    public bool Repair(MarketSnapshot current, IReadOnlyList<TradeView> missed, IReadOnlyList<MarketEventView> missedEvents)
    {
        lock (writer)
        {
            var edit = new BoardEdit(state);
            var entry = edit.Market(current.Id);
            if (current.Sequence <= (entry?.Sequence ?? 0)) return false;
            foreach (var trade in missed)
            {
                var known = entry?.Sequence ?? 0;
                if (trade.Sequence != known + 1) continue;
                // Intermediate states are not kept; each missed trade is recorded against the final market row.
                var at = current with { Sequence = trade.Sequence };
                entry = edit.Record(entry ?? edit.Add(at, trade.ExecutedAt), at, trade);
            }
            entry ??= edit.Add(current with { Sequence = 0 }, clock.GetUtcNow());
            foreach (var change in missedEvents)
                if (change.Sequence == entry.Sequence + 1) entry = edit.Record(entry, current with { Sequence = change.Sequence }, change);
            edit.Replace(entry.With(current));
            Publish(edit.Finish());
            return true;
        }
    }

    /// <summary>Every market's sequence, for comparison with the database.</summary>
    public IReadOnlyDictionary<int, long> Sequences() => state.Markets.ToDictionary(m => m.Key, m => m.Value.Sequence);

    /// <summary>Every market, by id; the same list for every reader until the next change.</summary>
    public IReadOnlyList<BoardMarket> Entries() => state.Entries;

    public BoardMarket? Entry(int id) => state.Markets.GetValueOrDefault(id);

    public IReadOnlyList<MarketSnapshot> Markets() => state.Snapshots;

    public MarketSnapshot? Market(int id) => Entry(id)?.Snapshot;

    public MarketSnapshot? MarketBySlug(string slug)
    {
        var current = state;
        return current.Slugs.TryGetValue(slug, out var id) ? current.Markets[id].Snapshot : null;
    }

    /// <summary>Price points since <paramref name="since"/> (all kept when null), preceded by the last point before it so a chart starts at the right level.</summary>
    public IReadOnlyList<PricePoint> History(int marketId, DateTimeOffset? since = null)
    {
        if (Entry(marketId) is not { History: var points }) return [];
        if (since is null) return points;
        var before = points.LastIndexBefore(since.Value);
        if (before == points.Count - 1) return [points.Last with { At = since.Value }];
        return before < 0 ? points : points.From(before);
    }

    /// <summary>The last <paramref name="count"/> price points, oldest first: a sparkline's worth without copying the history.</summary>
    public IReadOnlyList<PricePoint> LastPoints(int marketId, int count) =>
        Entry(marketId) is { History: var points } ? points.LastPoints(Math.Min(count, points.Count)) : [];

    /// <summary>Yes price now minus the Yes price <paramref name="ago"/> before now.</summary>
    public decimal Change(int marketId, TimeSpan ago) => Entry(marketId)?.Change(ago, clock.GetUtcNow()) ?? 0;

    /// <summary>The market's last trades, newest first.</summary>
    public IReadOnlyList<TradeView> RecentTrades(int marketId)
    {
        if (Entry(marketId) is not { } entry) return [];
        var newestFirst = new TradeView[entry.Recent.Length];
        for (var i = 0; i < newestFirst.Length; i++) newestFirst[i] = entry.Recent[^(i + 1)];
        return newestFirst;
    }

    /// <summary>
    /// The market now and exactly its trades after <paramref name="afterSequence"/>, oldest first, read
    /// together; Missed is null when the board no longer keeps all of them (then ask the database).
    /// </summary>
    public (MarketSnapshot? Market, IReadOnlyList<TradeView>? Missed) CatchUp(int marketId, long afterSequence)
    {
        if (Entry(marketId) is not { } entry) return (null, null);
        var missed = entry.Recent.Where(t => t.Sequence > afterSequence).ToList();
        var complete = entry.Sequence - afterSequence <= missed.Count;
        return (entry.Snapshot, complete ? missed : null);
    }

    public IReadOnlyList<BoardAccount> Accounts() => state.AccountsById;

    public BoardAccount? Account(int id) => state.Accounts.GetValueOrDefault(id);

    /// <summary>A newly created account (a person signing up), so its cash shows before its first trade.</summary>
    public void AccountOpened(BoardAccount account)
    {
        lock (writer)
        {
            var edit = new BoardEdit(state);
            if (edit.TryOpen(account)) Publish(edit.Finish());
        }
    }

    /// <summary>A person renamed themselves (Manage/Profile). Other instances pick the name up at their next load.</summary>
    public void AccountRenamed(int accountId, string displayName)
    {
        lock (writer)
        {
            var edit = new BoardEdit(state);
            if (edit.Rename(accountId, displayName)) Publish(edit.Finish());
        }
    }

    public IReadOnlyList<PositionView> PositionsOf(int accountId) =>
        state.Positions.GetValueOrDefault(accountId) is { } held
            ? held.Values.Where(p => p.YesShares > 0 || p.NoShares > 0).OrderBy(p => p.MarketId).ToList()
            : [];

    public PositionView? Position(int accountId, int marketId) =>
        state.Positions.GetValueOrDefault(accountId)?.GetValueOrDefault(marketId);

    /// <summary>Accounts by net worth, richest first (ties by id); computed once per board version, however many readers.</summary>
    public IReadOnlyList<(BoardAccount Account, decimal NetWorth)> Leaderboard(int take)
    {
        var ranked = state.Leaderboard;
        return take >= ranked.Length ? ranked : ranked[..take];
    }

    /// <summary>A quote against the board's state; the order itself is still checked against the database.</summary>
    public QuoteResult Quote(int marketId, Side side, TradeAction action, double amount) =>
        MarketQuotes.Quote(validator, marketId, Market(marketId), side, action, amount, clock.GetUtcNow());

    /// <summary>A position at the current prices: Yes shares at the Yes price, No shares at 1 − it; nothing once resolved (it was paid in cash).</summary>
    public decimal MarkToMarket(PositionView position) => BoardState.MarkToMarket(state.Markets, position);

    private void Publish(BoardState next) => state = next;
}
