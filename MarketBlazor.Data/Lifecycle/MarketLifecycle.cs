using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MarketBlazor.Data.Lifecycle;

/// <summary>
/// A market's life (DESIGN §9): launched by a creator who pays its subsidy, closed early or by the
/// clock, resolved with payouts. Closes and resolutions run through the market's lane (no order of
/// this process interleaves) and hold the market row locked, with its xmin checked on write (none
/// of another process does), take the market's
/// next sequence, and are published to the live sinks after commit, like trades.
/// </summary>
public sealed class MarketLifecycle(
    IDbContextFactory<MarketDbContext> contexts,
    TradeService trading,
    IEnumerable<IMarketChangeSink> sinks,
    TimeProvider clock,
    ILogger<MarketLifecycle> logger)
{
    // Writers in other processes (orders, a second resolver) can win the xmin race a few times in a row at most.
    private const int MaxAttempts = 5;

    public async Task<LifecycleResult> CreateAsync(MarketProposal proposal, int creatorAccountId, CancellationToken cancellationToken = default)
    {
        var now = Now();
        if (ProposalValidator.Problem(proposal, now) is { } problem) return Refused(LifecycleRefusal.Invalid, problem);
        var (yes, no, subsidy) = MarketLaunch.Plan(proposal.InitialProbability, proposal.Liquidity);
        var question = proposal.Question.Trim();

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var creator = await db.Accounts.FirstOrDefaultAsync(a => a.Id == creatorAccountId, cancellationToken);
            if (creator is null) return Refused(LifecycleRefusal.NotFound, $"Account {creatorAccountId} does not exist.");
            if (creator.Balance < subsidy)
                return Refused(LifecycleRefusal.InsufficientFunds,
                    $"Insufficient funds: launching this market costs a subsidy of {subsidy:N2} and the balance is {creator.Balance:N2}.");

            var market = new Market
            {
                Slug = await FreeSlugAsync(db, MarketSlug.From(question), cancellationToken),
                Question = question,
                Description = proposal.Description ?? "",
                Category = proposal.Category.Trim(),
                ClosesAt = proposal.ClosesAt,
                LiquidityB = proposal.Liquidity,
                CreatorAccountId = creator.Id,
                InitialYesShares = yes,
                InitialNoShares = no,
                YesShares = yes,
                NoShares = no,
                Subsidy = subsidy,
                Collected = subsidy,
                CreatedAt = now,
            };
            creator.Balance -= subsidy;
            db.Markets.Add(market);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                db.CashMovements.Add(new CashMovement
                {
                    AccountId = creator.Id, MarketId = market.Id, Kind = CashMovementKind.Subsidy, Amount = -subsidy, MarketSequence = 0, CreatedAt = now,
                });
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (IsRace(e))
            {
                // The creator's balance moved, or another launch took the slug first: look again.
                continue;
            }
            var snapshot = MarketSnapshot.From(market);
            Publish(sink => sink.Launched(snapshot), snapshot);
            return new MarketCreated(snapshot, creator.Id, subsidy);
        }
        return Refused(LifecycleRefusal.Conflict, "Your account kept changing while launching the market; nothing was written. Try again.");
    }

    /// <summary>Early close by the creator or an admin.</summary>
    public Task<LifecycleResult> CloseAsync(int marketId, MarketActor actor, CancellationToken cancellationToken = default) =>
        EndAsync(marketId, actor, MarketEventKind.Closed, (db, market, _, now) => Task.FromResult<LifecycleResult?>(Close(db, market, actor.AccountId, now)), cancellationToken);

    /// <summary>The clock's close, for a market past its closes_at that is still marked open.</summary>
    public Task<LifecycleResult> CloseDueAsync(int marketId, CancellationToken cancellationToken = default) =>
        EndAsync(marketId, actor: null, MarketEventKind.Closed, (db, market, _, now) =>
            Task.FromResult<LifecycleResult?>(market.ClosesAt > now
                ? Refused(LifecycleRefusal.Conflict, $"Market {marketId} is not due to close yet.")
                : Close(db, market, actorAccountId: null, market.ClosesAt)), cancellationToken);

    /// <summary>Every open market whose close time has passed; the caller closes them one by one.</summary>
    public async Task<IReadOnlyList<int>> DueToCloseAsync(CancellationToken cancellationToken = default)
    {
        var now = Now();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Markets.Where(m => m.Status == MarketStatus.Open && m.ClosesAt <= now).OrderBy(m => m.ClosesAt)
            .Select(m => m.Id).ToListAsync(cancellationToken);
    }

    public Task<LifecycleResult> ResolveAsync(int marketId, MarketActor actor, Resolution resolution, decimal? probability = null, CancellationToken cancellationToken = default)
    {
        if (resolution == Resolution.Mkt && probability is not (>= 0m and <= 1m))
            return Task.FromResult<LifecycleResult>(Refused(LifecycleRefusal.Invalid, "a mkt resolution needs a probability between 0 and 1."));
        var paidAt = resolution == Resolution.Mkt ? probability : null;
        return EndAsync(marketId, actor, MarketEventKind.Resolved,
            async (db, market, locked, now) => await ResolveAsync(db, market, locked, actor.AccountId, resolution, paidAt, now, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The frame of a close or a resolution: inside the market's lane, load the market with its xmin,
    /// check who may do it and that it is still possible, let <paramref name="change"/> write, commit,
    /// and retry from the start if another process changed the market in between.
    /// </summary>
    private Task<LifecycleResult> EndAsync(
        int marketId,
        MarketActor? actor,
        MarketEventKind kind,
        Func<MarketDbContext, Market, IReadOnlySet<int>, DateTimeOffset, Task<LifecycleResult?>> change,
        CancellationToken cancellationToken) =>
        trading.WithMarketLockedAsync<LifecycleResult>(marketId, async () =>
        {
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                // Locked, not only xmin-checked: under a stream of orders from other processes an
                // optimistic resolver could lose every race; their writes now wait for it and then
                // fail their own xmin check, find the market resolved, and are refused as closed.
                // The accounts it may pay are locked first, in id order, as the trade path's UPDATEs
                // take them (accounts before markets), so neither ever waits on the other in a cycle.
                IReadOnlySet<int> locked = kind == MarketEventKind.Resolved ? await LockPayableAccountsAsync(db, marketId, cancellationToken) : new HashSet<int>();
                var market = await db.Markets.FromSql($"SELECT *, xmin FROM markets WHERE id = {marketId} FOR UPDATE")
                    .FirstOrDefaultAsync(cancellationToken);
                if (market is null) return Refused(LifecycleRefusal.NotFound, $"Market {marketId} does not exist.");
                if (actor is not null && !actor.MayEnd(market.CreatorAccountId))
                    return Refused(LifecycleRefusal.Forbidden, "Only the market's creator or an admin may close or resolve it.");
                if (market.Status == MarketStatus.Resolved)
                    return Refused(LifecycleRefusal.AlreadyResolved, $"Market '{market.Question}' is already resolved.");
                if (kind == MarketEventKind.Closed && market.Status == MarketStatus.Closed)
                    return Refused(LifecycleRefusal.Conflict, $"Market '{market.Question}' is already closed.");

                var now = Now();
                var result = await change(db, market, locked, now);
                if (result is null) continue;
                if (result is LifecycleRefused) return result;
                try
                {
                    // Never cancelled half-way: a commit cut off by the caller would leave its outcome unknown.
                    await db.SaveChangesAsync(CancellationToken.None);
                    await transaction.CommitAsync(CancellationToken.None);
                }
                catch (DbUpdateConcurrencyException)
                {
                    logger.LogDebug("{Kind} of market {MarketId} lost a concurrency race (attempt {Attempt})", kind, marketId, attempt);
                    continue;
                }
                var snapshot = MarketSnapshot.From(market);
                var committed = MarketEventView.From(db.MarketEvents.Local.Single(), db.CashMovements.Local);
                Publish(sink => sink.Committed(snapshot, committed), snapshot);
                return result switch
                {
                    MarketResolved resolved => resolved with { Market = snapshot },
                    _ => new MarketClosed(snapshot),
                };
            }
            return Refused(LifecycleRefusal.Conflict, $"Market {marketId} kept changing; nothing was written. Try again.");
        }, cancellationToken);

    private static LifecycleResult? Close(MarketDbContext db, Market market, int? actorAccountId, DateTimeOffset closedAt)
    {
        market.Status = MarketStatus.Closed;
        market.ClosedAt = closedAt;
        market.Sequence++;
        db.MarketEvents.Add(new MarketEvent
        {
            MarketId = market.Id, Kind = MarketEventKind.Closed, MarketSequence = market.Sequence, ActorAccountId = actorAccountId, OccurredAt = closedAt,
        });
        return new MarketClosed(MarketSnapshot.From(market));
    }

    /// <summary>The market's position holders and creator, locked in id order.</summary>
    private static async Task<IReadOnlySet<int>> LockPayableAccountsAsync(MarketDbContext db, int marketId, CancellationToken cancellationToken)
    {
        var locked = await db.Database.SqlQuery<int>(
            $"""
            SELECT id AS "Value" FROM accounts WHERE id IN (
                SELECT account_id FROM positions WHERE market_id = {marketId}
                UNION SELECT creator_account_id FROM markets WHERE id = {marketId})
            ORDER BY id FOR UPDATE
            """).ToListAsync(cancellationToken);
        return locked.ToHashSet();
    }

    /// <summary>
    /// Pays every position by <see cref="Settlement"/> and the creator what is left, each a cash
    /// movement, so the pot ends empty. A market without a creator (made before launches existed)
    /// keeps its remainder in the pot.
    /// </summary>
    /// <returns>The resolution, or null when an account to pay was not locked beforehand (a holder who just arrived): start again.</returns>
    private static async Task<LifecycleResult?> ResolveAsync(
        MarketDbContext db, Market market, IReadOnlySet<int> locked, int actorAccountId, Resolution resolution, decimal? probability, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var positions = await db.Positions.AsNoTracking().Where(p => p.MarketId == market.Id).ToListAsync(cancellationToken);
        var plan = Settlement.Plan(market.Collected, positions, resolution, probability);
        market.Sequence++;
        var paid = plan.Payouts.Select(p => (p.AccountId, Kind: resolution == Resolution.Na ? CashMovementKind.Refund : CashMovementKind.Payout, p.Amount)).ToList();
        if (market.CreatorAccountId is { } creator && plan.CreatorRemainder != 0) paid.Add((creator, CashMovementKind.Remainder, plan.CreatorRemainder));

        var accountIds = paid.Select(p => p.AccountId).Distinct().ToList();
        if (!accountIds.All(locked.Contains)) return null;
        var accounts = await db.Accounts.Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        foreach (var (accountId, kind, amount) in paid)
        {
            accounts[accountId].Balance += amount;
            market.Collected -= amount;
            db.CashMovements.Add(new CashMovement
            {
                AccountId = accountId, MarketId = market.Id, Kind = kind, Amount = amount, MarketSequence = market.Sequence, CreatedAt = now,
            });
        }
        market.Status = MarketStatus.Resolved;
        market.Resolution = resolution;
        market.ResolutionProbability = probability;
        market.ResolvedAt = now;
        market.ClosedAt ??= now;
        db.MarketEvents.Add(new MarketEvent
        {
            MarketId = market.Id, Kind = MarketEventKind.Resolved, MarketSequence = market.Sequence, Resolution = resolution,
            ResolutionProbability = probability, TotalPaid = plan.TotalPaid, CreatorRemainder = plan.CreatorRemainder,
            ActorAccountId = actorAccountId, OccurredAt = now,
        });
        var summary = new SettlementSummary(resolution, probability, plan.Payouts.Count, plan.TotalPaid, plan.CreatorRemainder, now);
        return new MarketResolved(MarketSnapshot.From(market), summary);
    }

    /// <summary>The slug itself, or with the first free numeric suffix; a launch racing for the same one retries.</summary>
    private static async Task<string> FreeSlugAsync(MarketDbContext db, string slug, CancellationToken cancellationToken)
    {
        var prefix = slug + "-";
        var taken = (await db.Markets.Where(m => m.Slug == slug || m.Slug.StartsWith(prefix)).Select(m => m.Slug).ToListAsync(cancellationToken)).ToHashSet();
        var candidate = slug;
        for (var suffix = 2; taken.Contains(candidate); suffix++) candidate = $"{slug}-{suffix}";
        return candidate;
    }

    private static bool IsRace(DbUpdateException e) =>
        e is DbUpdateConcurrencyException || e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    private void Publish(Action<IMarketChangeSink> send, MarketSnapshot market)
    {
        foreach (var sink in sinks)
        {
            try
            {
                send(sink);
            }
            catch (Exception e)
            {
                // The change is committed: a failing subscriber must not turn it into an error for the caller.
                logger.LogError(e, "Live sink {Sink} failed for market {MarketId} at {Sequence}", sink.GetType().Name, market.Id, market.Sequence);
            }
        }
    }

    /// <summary>The clock at PostgreSQL's precision (microseconds), so a snapshot published now equals one read back later.</summary>
    private DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return new DateTimeOffset(now.Ticks - now.Ticks % 10, now.Offset);
    }

    private static LifecycleRefused Refused(LifecycleRefusal reason, string message) => new(reason, message);
}
