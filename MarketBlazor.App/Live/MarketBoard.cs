using System.Data;
using MarketBlazor.Data;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Queries;
using MarketBlazor.Data.Trading;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MarketBlazor.App.Live;

/// <summary>
/// The in-memory read model (DESIGN §5): every market with its price history and recent trades,
/// every account's balance and positions. Loaded once from PostgreSQL, then kept current by the
/// broadcaster, so page views and quotes cost no query. Each trade is applied exactly once, in
/// per-market sequence order; anything at or below a market's sequence is already included.
/// </summary>
public sealed class MarketBoard(IOptions<TradingOptions> options, TimeProvider clock)
{
    public const int RecentTradesKept = 50;

    private readonly Lock gate = new();
    private readonly OrderValidator validator = new(options.Value);
    private readonly Dictionary<int, Entry> markets = [];
    private readonly Dictionary<string, int> slugs = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<int, BoardAccount> accounts = [];
    private readonly Dictionary<(int Account, int Market), PositionView> positions = [];
    private readonly TaskCompletionSource loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Loaded => loaded.Task;

    public async Task LoadAsync(IDbContextFactory<MarketDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One snapshot across all four tables, so balances, positions and sequences agree.
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var allMarkets = await db.Markets.AsNoTracking().ToListAsync(cancellationToken);
        var allAccounts = await db.Accounts.AsNoTracking().ToListAsync(cancellationToken);
        var allPositions = await db.Positions.AsNoTracking().ToListAsync(cancellationToken);
        var trades = await db.Trades.AsNoTracking().OrderBy(t => t.MarketId).ThenBy(t => t.MarketSequence).ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var tradesByMarket = trades.GroupBy(t => t.MarketId).ToDictionary(g => g.Key, g => g.Select(TradeView.From).ToList());
        lock (gate)
        {
            foreach (var market in allMarkets)
            {
                var entry = new Entry(MarketSnapshot.From(market), market.CreatedAt);
                foreach (var trade in tradesByMarket.GetValueOrDefault(market.Id) ?? []) entry.Record(trade);
                markets[market.Id] = entry;
                slugs[market.Slug] = market.Id;
            }
            // A person's account is never a bot, whatever its is_simulated flag says: the simulator trades only bots.
            foreach (var account in allAccounts)
                accounts[account.Id] = new BoardAccount(account.Id, account.DisplayName, account.Balance, account.IsSimulated && account.UserId is null);
            foreach (var p in allPositions)
                positions[(p.AccountId, p.MarketId)] = new PositionView(p.MarketId, p.YesShares, p.NoShares, p.CostBasis);
        }
        loaded.TrySetResult();
    }

    /// <summary>
    /// Applies a committed trade if it is the market's next one. A trade beyond the next means
    /// changes were missed: nothing is applied and the caller must repair the market from the database.
    /// </summary>
    public ApplyOutcome Apply(MarketSnapshot market, TradeView trade)
    {
        lock (gate)
        {
            var entry = markets.GetValueOrDefault(market.Id);
            var known = entry?.Snapshot.Sequence ?? 0;
            if (market.Sequence <= known) return ApplyOutcome.AlreadyApplied;
            if (trade.Sequence != known + 1) return ApplyOutcome.Gap;
            Record(entry, market, trade);
            return ApplyOutcome.Applied;
        }
    }

    /// <summary>
    /// Applies a committed close or resolution if it is the market's next change, moving the balances
    /// it paid; like <see cref="Apply(MarketSnapshot, TradeView)"/>, anything beyond the next is a gap.
    /// </summary>
    public ApplyOutcome Apply(MarketSnapshot market, MarketEventView change)
    {
        lock (gate)
        {
            var entry = markets.GetValueOrDefault(market.Id);
            var known = entry?.Snapshot.Sequence ?? 0;
            if (market.Sequence <= known) return ApplyOutcome.AlreadyApplied;
            if (entry is null || change.Sequence != known + 1) return ApplyOutcome.Gap;
            Record(entry, market, change);
            return ApplyOutcome.Applied;
        }
    }

    /// <summary>A market just launched (sequence 0); false when the board already has it.</summary>
    public bool Launch(MarketSnapshot market)
    {
        lock (gate)
        {
            if (markets.ContainsKey(market.Id)) return false;
            Add(market, clock.GetUtcNow());
            return true;
        }
    }

    /// <summary>
    /// Brings a market up to <paramref name="current"/> with the trades and then the close or
    /// resolution it missed (oldest first; a market's events always follow its trades); returns whether anything changed.
    /// </summary>
    public bool Repair(MarketSnapshot current, IReadOnlyList<TradeView> missed, IReadOnlyList<MarketEventView> missedEvents)
    {
        lock (gate)
        {
            var entry = markets.GetValueOrDefault(current.Id);
            if (current.Sequence <= (entry?.Snapshot.Sequence ?? 0)) return false;
            foreach (var trade in missed)
            {
                var known = entry?.Snapshot.Sequence ?? 0;
                if (trade.Sequence != known + 1) continue;
                // Intermediate states are not kept; each missed trade is recorded against the final market row.
                Record(entry, current with { Sequence = trade.Sequence }, trade);
                entry = markets[current.Id];
            }
            entry ??= Add(current with { Sequence = 0 }, clock.GetUtcNow());
            foreach (var change in missedEvents)
                if (change.Sequence == entry.Snapshot.Sequence + 1) Record(entry, current with { Sequence = change.Sequence }, change);
            entry.Snapshot = current;
            return true;
        }
    }

    /// <summary>Every market's sequence, for comparison with the database.</summary>
    public IReadOnlyDictionary<int, long> Sequences()
    {
        lock (gate) return markets.ToDictionary(m => m.Key, m => m.Value.Snapshot.Sequence);
    }

    private void Record(Entry? entry, MarketSnapshot market, TradeView trade)
    {
        entry ??= Add(market, trade.ExecutedAt);
        entry.Snapshot = market;
        entry.Record(trade);

        var cash = trade.Action == TradeAction.Buy ? trade.Amount : -trade.Amount;
        var shares = trade.Action == TradeAction.Buy ? trade.Shares : -trade.Shares;
        if (accounts.TryGetValue(trade.AccountId, out var account))
            accounts[trade.AccountId] = account with { Balance = account.Balance - cash };
        var key = (trade.AccountId, trade.MarketId);
        var position = positions.GetValueOrDefault(key) ?? new PositionView(trade.MarketId, 0, 0, 0);
        position = trade.Side == Side.Yes
            ? position with { YesShares = position.YesShares + shares, CostBasis = position.CostBasis + cash }
            : position with { NoShares = position.NoShares + shares, CostBasis = position.CostBasis + cash };
        // Pairs netted after the fill (Ledger): they left the position and paid 1 each.
        positions[key] = position with
        {
            YesShares = position.YesShares - trade.Redeemed,
            NoShares = position.NoShares - trade.Redeemed,
            CostBasis = position.CostBasis - trade.Redeemed,
        };
        if (trade.Redeemed > 0 && accounts.TryGetValue(trade.AccountId, out var redeemer))
            accounts[trade.AccountId] = redeemer with { Balance = redeemer.Balance + trade.Redeemed };
    }

    /// <summary>A market the board has not loaded: listed, and its creator charged the subsidy they paid at launch.</summary>
    private Entry Add(MarketSnapshot market, DateTimeOffset listedAt)
    {
        var entry = new Entry(market, listedAt);
        markets[market.Id] = entry;
        slugs[market.Slug] = market.Id;
        if (market.CreatorAccountId is { } creatorId && accounts.TryGetValue(creatorId, out var creator))
            accounts[creatorId] = creator with { Balance = creator.Balance - market.Subsidy };
        return entry;
    }

    private void Record(Entry entry, MarketSnapshot market, MarketEventView change)
    {
        entry.Snapshot = market;
        foreach (var paid in change.Paid)
            if (accounts.TryGetValue(paid.AccountId, out var account))
                accounts[paid.AccountId] = account with { Balance = account.Balance + paid.Amount };
    }

    public IReadOnlyList<MarketSnapshot> Markets()
    {
        lock (gate) return markets.Values.Select(e => e.Snapshot).ToList();
    }

    public MarketSnapshot? Market(int id)
    {
        lock (gate) return markets.GetValueOrDefault(id)?.Snapshot;
    }

    public MarketSnapshot? MarketBySlug(string slug)
    {
        lock (gate) return slugs.TryGetValue(slug, out var id) ? markets[id].Snapshot : null;
    }

    /// <summary>Price points since <paramref name="since"/> (all when null), preceded by the last point before it so a chart starts at the right level.</summary>
    public IReadOnlyList<PricePoint> History(int marketId, DateTimeOffset? since = null)
    {
        lock (gate)
        {
            if (!markets.TryGetValue(marketId, out var entry)) return [];
            var points = entry.History;
            if (since is null) return points.ToList();
            var first = points.FindIndex(p => p.At >= since);
            if (first < 0) return [points[^1] with { At = since.Value }];
            return first == 0 ? points.ToList() : points.GetRange(first - 1, points.Count - first + 1);
        }
    }

    /// <summary>The last <paramref name="count"/> price points, oldest first: a sparkline's worth without copying the whole history.</summary>
    public IReadOnlyList<PricePoint> LastPoints(int marketId, int count)
    {
        lock (gate)
        {
            if (!markets.TryGetValue(marketId, out var entry)) return [];
            var take = Math.Min(count, entry.History.Count);
            return entry.History.GetRange(entry.History.Count - take, take);
        }
    }

    /// <summary>Yes price now minus the Yes price <paramref name="ago"/> before now.</summary>
    public decimal Change(int marketId, TimeSpan ago)
    {
        var then = clock.GetUtcNow() - ago;
        lock (gate)
        {
            if (!markets.TryGetValue(marketId, out var entry)) return 0;
            var points = entry.History;
            var index = points.FindLastIndex(p => p.At <= then);
            var before = index < 0 ? points[0] : points[index];
            return points[^1].YesPrice - before.YesPrice;
        }
    }

    public IReadOnlyList<TradeView> RecentTrades(int marketId)
    {
        lock (gate) return markets.TryGetValue(marketId, out var entry) ? entry.Recent.Reverse().ToList() : [];
    }

    /// <summary>
    /// The market now and exactly its trades after <paramref name="afterSequence"/>, oldest first, read
    /// together; Missed is null when the board no longer keeps all of them (then ask the database).
    /// </summary>
    public (MarketSnapshot? Market, IReadOnlyList<TradeView>? Missed) CatchUp(int marketId, long afterSequence)
    {
        lock (gate)
        {
            if (!markets.TryGetValue(marketId, out var entry)) return (null, null);
            var missed = entry.Recent.Where(t => t.Sequence > afterSequence).ToList();
            var complete = entry.Snapshot.Sequence - afterSequence <= missed.Count;
            return (entry.Snapshot, complete ? missed : null);
        }
    }

    public IReadOnlyList<BoardAccount> Accounts()
    {
        lock (gate) return accounts.Values.OrderBy(a => a.Id).ToList();
    }

    public BoardAccount? Account(int id)
    {
        lock (gate) return accounts.GetValueOrDefault(id);
    }

    /// <summary>A newly created account (a person signing up), so its cash shows before its first trade.</summary>
    public void AccountOpened(BoardAccount account)
    {
        lock (gate) accounts.TryAdd(account.Id, account);
    }

    /// <summary>A person renamed themselves (Manage/Profile). Other instances pick the name up at their next load.</summary>
    public void AccountRenamed(int accountId, string displayName)
    {
        lock (gate)
            if (accounts.TryGetValue(accountId, out var account)) accounts[accountId] = account with { DisplayName = displayName };
    }

    public IReadOnlyList<PositionView> PositionsOf(int accountId)
    {
        lock (gate)
            return positions.Where(p => p.Key.Account == accountId && (p.Value.YesShares > 0 || p.Value.NoShares > 0))
                .Select(p => p.Value).OrderBy(p => p.MarketId).ToList();
    }

    public PositionView? Position(int accountId, int marketId)
    {
        lock (gate) return positions.GetValueOrDefault((accountId, marketId));
    }

    /// <summary>Accounts by net worth, richest first. One pass over positions, however many accounts.</summary>
    public IReadOnlyList<(BoardAccount Account, decimal NetWorth)> Leaderboard(int take)
    {
        lock (gate)
        {
            var worth = accounts.ToDictionary(a => a.Key, a => a.Value.Balance);
            foreach (var (key, position) in positions)
                if (worth.ContainsKey(key.Account)) worth[key.Account] += MarkToMarket(position);
            return worth.OrderByDescending(w => w.Value).ThenBy(w => w.Key).Take(take)
                .Select(w => (accounts[w.Key], w.Value)).ToList();
        }
    }

    /// <summary>A quote against the board's state; the order itself is still checked against the database.</summary>
    public QuoteResult Quote(int marketId, Side side, TradeAction action, double amount) =>
        MarketQuotes.Quote(validator, marketId, Market(marketId), side, action, amount, clock.GetUtcNow());

    /// <summary>A position at the current prices: Yes shares at the Yes price, No shares at 1 − it; nothing once resolved (it was paid in cash).</summary>
    public decimal MarkToMarket(PositionView position)
    {
        lock (gate)
        {
            if (markets.TryGetValue(position.MarketId, out var resolved) && resolved.Snapshot.Status == MarketStatus.Resolved) return 0;
            var price = markets.TryGetValue(position.MarketId, out var entry) ? entry.Snapshot.YesPrice : 0.5m;
            return position.YesShares * price + position.NoShares * (1 - price);
        }
    }

    private sealed class Entry(MarketSnapshot snapshot, DateTimeOffset listedAt)
    {
        public MarketSnapshot Snapshot { get; set; } = snapshot;
        public List<PricePoint> History { get; } = [new(listedAt, 0.5m, 0)];
        public Queue<TradeView> Recent { get; } = new();

        public void Record(TradeView trade)
        {
            History.Add(new PricePoint(trade.ExecutedAt, trade.YesPriceAfter, trade.Sequence));
            Recent.Enqueue(trade);
            if (Recent.Count > RecentTradesKept) Recent.Dequeue();
        }
    }
}
