using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Lifecycle;
using MarketBlazor.Data.Trading;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MarketBlazor.Tests.Integration;

public class MarketLifecycleTests(DatabaseFixture database) : DatabaseTest(database)
{
    private TradeService? trading;
    private MarketLifecycle? lifecycle;
    private TradeService Trading => trading ??= TradeServices.Service(Database.Contexts);
    private MarketLifecycle Lifecycle => lifecycle ??= Lifecycles.Service(Database.Contexts, Trading);

    private async Task<MarketSnapshot> CreateAsync(Account creator, MarketProposal? proposal = null) =>
        Assert.IsType<MarketCreated>(await Lifecycle.CreateAsync(proposal ?? Lifecycles.Proposal(), creator.Id)).Market;

    private async Task<OrderFilled> BuyAsync(Account account, int marketId, Side side, double amount)
    {
        var quote = (await Trading.QuoteAsync(marketId, side, TradeAction.Buy, amount)).Quote!;
        return Assert.IsType<OrderFilled>(await Trading.PlaceOrderAsync(
            new OrderRequest(account.Id, marketId, side, TradeAction.Buy, amount, (double)quote.AveragePrice, quote.Sequence, 0.01)));
    }

    private async Task<decimal> BalanceAsync(Account account)
    {
        await using var db = await Database.Contexts.CreateDbContextAsync();
        return await db.Accounts.Where(a => a.Id == account.Id).Select(a => a.Balance).SingleAsync();
    }

    private async Task<List<CashMovement>> MovementsAsync(int marketId)
    {
        await using var db = await Database.Contexts.CreateDbContextAsync();
        return await db.CashMovements.AsNoTracking().Where(c => c.MarketId == marketId).OrderBy(c => c.Id).ToListAsync();
    }

    [Fact]
    public async Task Creating_a_market_charges_the_subsidy_and_opens_at_the_initial_probability()
    {
        var creator = await Data.AccountAsync(1_000m);

        var created = Assert.IsType<MarketCreated>(await Lifecycle.CreateAsync(Lifecycles.Proposal(probability: 0.3m, liquidity: 100m), creator.Id));

        // b·ln(1/min(p0, 1 − p0)) = 100·ln(1/0.3) = 120.397280…, rounded up to the millionth.
        Assert.Equal(120.397281m, created.Subsidy);
        Assert.Equal(0.3m, Math.Round(created.Market.YesPrice, 4));
        Assert.Equal(0, created.Market.Sequence);
        Assert.Equal("will-the-lifecycle-tests-pass-on-the-first-run", created.Market.Slug);
        Assert.Equal(1_000m - created.Subsidy, await BalanceAsync(creator));
        await using var db = await Database.Contexts.CreateDbContextAsync();
        var market = await db.Markets.SingleAsync();
        Assert.Equal(created.Subsidy, market.Collected);
        Assert.Equal(creator.Id, market.CreatorAccountId);
        var subsidy = Assert.Single(await MovementsAsync(market.Id));
        Assert.Equal((CashMovementKind.Subsidy, -created.Subsidy), (subsidy.Kind, subsidy.Amount));
        await Invariants.AssertHoldAsync(Database.ConnectionString);
    }

    [Fact]
    public async Task The_same_question_twice_gets_a_second_readable_slug()
    {
        var creator = await Data.AccountAsync();

        var first = await CreateAsync(creator);
        var second = await CreateAsync(creator);

        Assert.Equal(first.Slug + "-2", second.Slug);
    }

    public static TheoryData<string, MarketProposal> BadProposals => new()
    {
        { "past close time", Lifecycles.Proposal(closesAt: DateTimeOffset.UtcNow.AddMinutes(-1)) },
        { "more than 5 years", Lifecycles.Proposal(closesAt: DateTimeOffset.UtcNow.AddYears(6)) },
        { "p = 0", Lifecycles.Proposal(probability: 0m) },
        { "p = 1.5", Lifecycles.Proposal(probability: 1.5m) },
        { "empty question", Lifecycles.Proposal(question: "") },
        { "10 KB question", Lifecycles.Proposal(question: new string('q', 10_240)) },
        { "unknown liquidity", Lifecycles.Proposal(liquidity: 75m) },
        { "10 KB description", Lifecycles.Proposal() with { Description = new string('d', 10_240) } },
        { "no category", Lifecycles.Proposal() with { Category = " " } },
    };

    [Theory]
    [MemberData(nameof(BadProposals))]
    public async Task A_bad_proposal_is_refused_and_writes_nothing(string why, MarketProposal proposal)
    {
        var creator = await Data.AccountAsync();
        var before = await Data.FingerprintAsync();

        var refused = Assert.IsType<LifecycleRefused>(await Lifecycle.CreateAsync(proposal, creator.Id));

        Assert.True(refused.Reason == LifecycleRefusal.Invalid, why);
        Assert.Equal(before, await Data.FingerprintAsync());
        Assert.Equal(0, (await Data.CountsAsync()).Markets);
    }

    [Fact]
    public async Task A_creator_who_cannot_pay_the_subsidy_is_told_the_amount()
    {
        var creator = await Data.AccountAsync(10m);

        var refused = Assert.IsType<LifecycleRefused>(await Lifecycle.CreateAsync(Lifecycles.Proposal(liquidity: 50m), creator.Id));

        Assert.Equal(LifecycleRefusal.InsufficientFunds, refused.Reason);
        // 50·ln 2 = 34.657359…
        Assert.Contains("34.66", refused.Message);
        Assert.Equal(10m, await BalanceAsync(creator));
        Assert.Equal(0, (await Data.CountsAsync()).Markets);
    }

    [Fact]
    public async Task The_creator_or_an_admin_may_close_early_and_nobody_else()
    {
        var creator = await Data.AccountAsync();
        var stranger = await Data.AccountAsync();
        var admin = await Data.AccountAsync();
        var first = await CreateAsync(creator);
        var second = await CreateAsync(creator);

        var forbidden = Assert.IsType<LifecycleRefused>(await Lifecycle.CloseAsync(first.Id, new MarketActor(stranger.Id, IsAdmin: false)));
        var byCreator = Assert.IsType<MarketClosed>(await Lifecycle.CloseAsync(first.Id, new MarketActor(creator.Id, IsAdmin: false)));
        var byAdmin = Assert.IsType<MarketClosed>(await Lifecycle.CloseAsync(second.Id, new MarketActor(admin.Id, IsAdmin: true)));
        var again = Assert.IsType<LifecycleRefused>(await Lifecycle.CloseAsync(first.Id, new MarketActor(creator.Id, IsAdmin: false)));

        Assert.Equal(LifecycleRefusal.Forbidden, forbidden.Reason);
        Assert.Equal(LifecycleRefusal.Conflict, again.Reason);
        Assert.Equal((MarketStatus.Closed, 1L), (byCreator.Market.Status, byCreator.Market.Sequence));
        Assert.Equal(MarketStatus.Closed, byAdmin.Market.Status);
        var quote = await Trading.QuoteAsync(first.Id, Side.Yes, TradeAction.Buy, 10);
        Assert.Equal(RejectReason.MarketClosed, quote.Rejection!.Reason);
        var order = await Trading.PlaceOrderAsync(new OrderRequest(stranger.Id, first.Id, Side.Yes, TradeAction.Buy, 10, 0.5, 0, 0.5));
        Assert.Equal(RejectReason.MarketClosed, Assert.IsType<OrderRejected>(order).Reason);
        await Invariants.AssertHoldAsync(Database.ConnectionString);
    }

    [Fact]
    public async Task A_market_past_its_close_time_is_closed_by_the_clock()
    {
        var creator = await Data.AccountAsync();
        var due = await CreateAsync(creator);
        var later = await CreateAsync(creator);
        await using (var connection = new NpgsqlConnection(Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("UPDATE markets SET closes_at = now() - interval '1 minute' WHERE id = @id", connection);
            command.Parameters.AddWithValue("id", due.Id);
            await command.ExecuteNonQueryAsync();
        }

        Assert.Equal([due.Id], await Lifecycle.DueToCloseAsync());
        var closed = Assert.IsType<MarketClosed>(await Lifecycle.CloseDueAsync(due.Id));
        var early = Assert.IsType<LifecycleRefused>(await Lifecycle.CloseDueAsync(later.Id));

        Assert.Equal(MarketStatus.Closed, closed.Market.Status);
        Assert.Equal(LifecycleRefusal.Conflict, early.Reason);
        Assert.Empty(await Lifecycle.DueToCloseAsync());
        await using var db = await Database.Contexts.CreateDbContextAsync();
        var change = await db.MarketEvents.SingleAsync();
        Assert.Equal((MarketEventKind.Closed, 1L, (int?)null), (change.Kind, change.MarketSequence, change.ActorAccountId));
        await Invariants.AssertHoldAsync(Database.ConnectionString);
    }

    [Fact]
    public async Task Resolving_yes_pays_each_yes_share_one_and_the_rest_to_the_creator()
    {
        var creator = await Data.AccountAsync();
        var alice = await Data.AccountAsync();
        var bob = await Data.AccountAsync();
        var market = await CreateAsync(creator);
        var subsidy = 1_000m - await BalanceAsync(creator);
        var aliceBuy = await BuyAsync(alice, market.Id, Side.Yes, 40);
        await BuyAsync(bob, market.Id, Side.No, 25);

        var resolved = Assert.IsType<MarketResolved>(await Lifecycle.ResolveAsync(market.Id, new MarketActor(creator.Id, false), Resolution.Yes));

        var pot = subsidy + 40m + 25m;
        Assert.Equal(new SettlementSummary(Resolution.Yes, null, 1, aliceBuy.Trade.Shares, pot - aliceBuy.Trade.Shares, resolved.Settlement.ResolvedAt), resolved.Settlement);
        Assert.Equal((MarketStatus.Resolved, 3L, Resolution.Yes), (resolved.Market.Status, resolved.Market.Sequence, resolved.Market.Resolution));
        Assert.Equal(960m + aliceBuy.Trade.Shares, await BalanceAsync(alice));
        Assert.Equal(975m, await BalanceAsync(bob));
        Assert.Equal(1_000m - subsidy + pot - aliceBuy.Trade.Shares, await BalanceAsync(creator));
        var movements = await MovementsAsync(market.Id);
        Assert.Equal(
            [(CashMovementKind.Subsidy, creator.Id, -subsidy, 0L), (CashMovementKind.Payout, alice.Id, aliceBuy.Trade.Shares, 3L), (CashMovementKind.Remainder, creator.Id, pot - aliceBuy.Trade.Shares, 3L)],
            movements.Select(m => (m.Kind, m.AccountId, m.Amount, m.MarketSequence)));
        await Invariants.AssertHoldAsync(Database.ConnectionString);
    }

    [Fact]
    public async Task Resolving_no_pays_each_no_share_one()
    {
        var creator = await Data.AccountAsync();
        var alice = await Data.AccountAsync();
        var bob = await Data.AccountAsync();
        var market = await CreateAsync(creator);
        await BuyAsync(alice, market.Id, Side.Yes, 40);
        var bobBuy = await BuyAsync(bob, market.Id, Side.No, 25);

        var resolved = Assert.IsType<MarketResolved>(await Lifecycle.ResolveAsync(market.Id, new MarketActor(creator.Id, false), Resolution.No));

        Assert.Equal((1, bobBuy.Trade.Shares), (resolved.Settlement.PositionsPaid, resolved.Settlement.TotalPaid));
        Assert.Equal(960m, await BalanceAsync(alice));
        Assert.Equal(975m + bobBuy.Trade.Shares, await BalanceAsync(bob));
        Assert.True(resolved.Settlement.CreatorRemainder >= 0);
        await Invariants.AssertHoldAsync(Database.ConnectionString);
    }

    [Fact]
    public async Task Resolving_mkt_pays_yes_at_p_and_no_at_one_minus_p()
    {
        var creator = await Data.AccountAsync();
        var alice = await Data.AccountAsync();
        var bob = await Data.AccountAsync();
        var market = await CreateAsync(creator);
        var aliceBuy = await BuyAsync(alice, market.Id, Side.Yes, 40);
        var bobBuy = await BuyAsync(bob, market.Id, Side.No, 25);

        var resolved = Assert.IsType<MarketResolved>(await Lifecycle.ResolveAsync(market.Id, new MarketActor(creator.Id, false), Resolution.Mkt, 0.37m));

        var alicePaid = Math.Round(aliceBuy.Trade.Shares * 0.37m, 6, MidpointRounding.ToZero);
        var bobPaid = Math.Round(bobBuy.Trade.Shares * 0.63m, 6, MidpointRounding.ToZero);
        Assert.Equal((2, alicePaid + bobPaid, 0.37m), (resolved.Settlement.PositionsPaid, resolved.Settlement.TotalPaid, resolved.Market.ResolutionProbability));
        Assert.Equal(960m + alicePaid, await BalanceAsync(alice));
        Assert.Equal(975m + bobPaid, await BalanceAsync(bob));
        await Invariants.AssertHoldAsync(Database.ConnectionString);
    }

    [Fact]
    public async Task Resolving_na_refunds_what_each_put_in_and_returns_the_subsidy()
    {
        var creator = await Data.AccountAsync();
        var alice = await Data.AccountAsync();
        var bob = await Data.AccountAsync();
        var market = await CreateAsync(creator);
        await BuyAsync(alice, market.Id, Side.Yes, 40);
        await BuyAsync(bob, market.Id, Side.No, 25);

        var resolved = Assert.IsType<MarketResolved>(await Lifecycle.ResolveAsync(market.Id, new MarketActor(creator.Id, IsAdmin: false), Resolution.Na));

        Assert.Equal((2, 65m), (resolved.Settlement.PositionsPaid, resolved.Settlement.TotalPaid));
        Assert.Equal(1_000m, await BalanceAsync(alice));
        Assert.Equal(1_000m, await BalanceAsync(bob));
        Assert.Equal(1_000m, await BalanceAsync(creator));
        Assert.Equal(2, (await MovementsAsync(market.Id)).Count(m => m.Kind == CashMovementKind.Refund));
        await Invariants.AssertHoldAsync(Database.ConnectionString);
    }

    [Fact]
    public async Task Only_the_creator_or_an_admin_may_resolve_and_only_once()
    {
        var creator = await Data.AccountAsync();
        var stranger = await Data.AccountAsync();
        var admin = await Data.AccountAsync();
        var market = await CreateAsync(creator);

        var forbidden = Assert.IsType<LifecycleRefused>(await Lifecycle.ResolveAsync(market.Id, new MarketActor(stranger.Id, false), Resolution.Yes));
        var noProbability = Assert.IsType<LifecycleRefused>(await Lifecycle.ResolveAsync(market.Id, new MarketActor(creator.Id, false), Resolution.Mkt));
        var missing = Assert.IsType<LifecycleRefused>(await Lifecycle.ResolveAsync(market.Id + 1, new MarketActor(admin.Id, true), Resolution.Yes));
        Assert.IsType<MarketResolved>(await Lifecycle.ResolveAsync(market.Id, new MarketActor(admin.Id, IsAdmin: true), Resolution.No));
        var twice = Assert.IsType<LifecycleRefused>(await Lifecycle.ResolveAsync(market.Id, new MarketActor(creator.Id, false), Resolution.Yes));
        var closeResolved = Assert.IsType<LifecycleRefused>(await Lifecycle.CloseAsync(market.Id, new MarketActor(creator.Id, false)));

        Assert.Equal(
            [LifecycleRefusal.Forbidden, LifecycleRefusal.Invalid, LifecycleRefusal.NotFound, LifecycleRefusal.AlreadyResolved, LifecycleRefusal.AlreadyResolved],
            new[] { forbidden, noProbability, missing, twice, closeResolved }.Select(r => r.Reason));
        await using var db = await Database.Contexts.CreateDbContextAsync();
        Assert.Equal(1, await db.MarketEvents.CountAsync());
        await Invariants.AssertHoldAsync(Database.ConnectionString);
    }

    [Fact]
    public async Task A_closed_market_can_still_be_resolved()
    {
        var creator = await Data.AccountAsync();
        var market = await CreateAsync(creator);
        await Lifecycle.CloseAsync(market.Id, new MarketActor(creator.Id, false));

        var resolved = Assert.IsType<MarketResolved>(await Lifecycle.ResolveAsync(market.Id, new MarketActor(creator.Id, false), Resolution.Yes));

        Assert.Equal(2, resolved.Market.Sequence);
        Assert.Equal(1_000m, await BalanceAsync(creator));
        await Invariants.AssertHoldAsync(Database.ConnectionString);
    }
}
