using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Lifecycle;
using MarketBlazor.Data.Trading;

namespace MarketBlazor.Data.Seeding;

/// <summary>
/// Plays a seed's trades in memory through the live path's pricing (<see cref="Pricing.Quote"/>)
/// and bookkeeping (Ledger.Record), so the seeded rows keep every invariant live trading
/// keeps. Most buyers take the side that is cheap against a hidden per-market "true" probability,
/// so busy markets drift towards it instead of wandering around 0.5. Every market is launched by a
/// house account that is granted exactly the subsidies it pays; once trading is over, some markets
/// are closed early and some resolved (towards their hidden belief) through <see cref="Settlement"/>.
/// </summary>
internal sealed class TradeSimulator
{
    public const string Phase = "simulate";

    // Of attempts. A pick that cannot trade (the trader cannot afford the spend, or the holder
    // drawn has sold out) is redrawn, so once cash runs low sells fill a larger share of the trades:
    // about 36% at 1,000 users and 100,000 trades, where buyers want ~1.9 million from 1 million granted.
    private const double SellChance = 0.25;
    private const double InformedChance = 0.6;
    private const double LowestBelief = 0.05;
    private const double HighestBelief = 0.95;
    private const double MarketSkew = 1.0;
    private const double AccountSkew = 0.5;
    // Spends are log-uniform between these: mostly a few coins, now and then a large order (a median of about 7).
    private const double MinimumSpend = 1;
    private const double MaximumSpend = 50;
    // Liquidity follows how busy a market is, so an hour of its trades moves it a point or two, not tens:
    // spending M near p = 0.5 moves p by about M/(2b); with n trades an hour the informed side's net spend
    // (~20% of n × ~12.5) then moves p by about 1.25n/b, so b = 100 × n would drift about a point an hour towards
    // the belief (150 × n: under a point). A quiet market keeps its catalog b, at least the floor, where the
    // largest order (50) moves p about 5 points: an occasional jump.
    private const double LiquidityPerHourlyTrade = 150;
    private const decimal LowestSeededLiquidity = 500m;
    private const decimal HighestSeededLiquidity = 20_000m;
    // Starting cash is log-uniform across this multiple of SeedOptions.StartingBalance (median: the balance itself),
    // so the leaderboard has small and large accounts and the smallest still affords a normal order.
    private const double PoorestGrant = 0.1;
    private const double RichestGrant = 10;
    private const double MinimumSellFraction = 0.1;
    private const decimal SellWholeBelow = 0.01m;
    private const decimal SeededOpeningProbability = 0.5m;
    // Every tenth market ends resolved and every twentieth (offset) closed, so even a small seed has both.
    private const int ResolveEvery = 10;
    private const int CloseEvery = 20;
    private const string HouseName = "The House";

    // In practice only a marketplace where nobody can afford a buy and nobody holds a share exhausts this;
    // the simulation then stops short rather than spin.
    private const int AttemptsPerTrade = 1000;

    private static readonly TimeSpan History = TimeSpan.FromDays(30);
    private static readonly TimeSpan LongestListingLead = TimeSpan.FromDays(14);

    private readonly SeedOptions options;
    private readonly DateTimeOffset now;
    private readonly int firstAccountId;
    private readonly Random random;
    private readonly Book[] books;
    private readonly Account[] accounts;
    private readonly SkewedPicker marketPicker;
    private readonly SkewedPicker accountPicker;
    private readonly Dictionary<(int AccountId, int MarketId), Position> positionByOwner = [];
    private readonly List<Position> positions = [];
    private readonly List<Trade> trades;
    private readonly List<MarketEvent> events = [];
    private readonly List<CashMovement> movements = [];
    private readonly Account house;

    private sealed class Book(Market market, double belief)
    {
        public Market Market { get; } = market;

        /// <summary>The Yes probability informed traders believe in.</summary>
        public double Belief { get; } = belief;

        public List<Position> Holders { get; } = [];
    }

    public TradeSimulator(SeedOptions options, DateTimeOffset now, int firstAccountId)
    {
        this.options = options;
        this.now = now;
        this.firstAccountId = firstAccountId;
        random = new Random(options.RandomSeed);
        var listingStart = now - History;
        books = MarketCatalog.Create(options.Markets, now, random)
            .Select((market, index) =>
            {
                market.Id = index + 1;
                market.CreatedAt = listingStart - LongestListingLead * random.NextDouble();
                return new Book(market, LowestBelief + (HighestBelief - LowestBelief) * random.NextDouble());
            })
            .ToArray();
        accounts = DemoNames.Create(options.Users, random)
            .Select((name, index) =>
            {
                var grant = Grant();
                return new Account { Id = firstAccountId + index, DisplayName = name, Balance = grant, Granted = grant, IsSimulated = true };
            })
            .ToArray();
        house = new Account { Id = firstAccountId + accounts.Length, DisplayName = HouseName };
        marketPicker = new SkewedPicker(books.Length, MarketSkew, random);
        for (var i = 0; i < books.Length; i++) SizeLiquidity(books[i].Market, marketPicker.ShareOf(i));
        foreach (var book in books) Launch(book.Market);
        accountPicker = new SkewedPicker(accounts.Length, AccountSkew, random);
        trades = new List<Trade>(options.Trades);
    }

    public SeedData Run(IProgress<SeedProgress>? progress, CancellationToken cancellationToken)
    {
        var step = Math.Max(1, options.Trades / 100);
        while (trades.Count < options.Trades && TryTrade())
        {
            if (trades.Count % step != 0 || trades.Count == options.Trades) continue;
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new SeedProgress(Phase, trades.Count, options.Trades));
        }
        SpreadOverHistory();
        EndSome();
        progress?.Report(new SeedProgress(Phase, trades.Count, trades.Count));
        return new SeedData(books.Select(b => b.Market).ToArray(), [.. accounts, house], positions, trades, events, movements);
    }

    private decimal Grant() =>
        Math.Round(options.StartingBalance * (decimal)LogUniform(PoorestGrant, RichestGrant), 0, MidpointRounding.AwayFromZero);

    private double LogUniform(double low, double high) => Math.Exp(Math.Log(low) + (Math.Log(high) - Math.Log(low)) * random.NextDouble());

    /// <summary>Deep enough for the trades this market will see (its share of the seed over the history), rounded to a hundred.</summary>
    private void SizeLiquidity(Market market, double share)
    {
        var tradesPerHour = options.Trades * share / History.TotalHours;
        var wanted = Math.Ceiling((decimal)(LiquidityPerHourlyTrade * tradesPerHour) / 100) * 100;
        market.LiquidityB = Math.Clamp(Math.Max(market.LiquidityB, wanted), LowestSeededLiquidity, HighestSeededLiquidity);
    }

    /// <summary>The house launches the market at even odds and pays its subsidy, granted to it for exactly that.</summary>
    private void Launch(Market market)
    {
        var (yes, no, subsidy) = MarketLaunch.Plan(SeededOpeningProbability, market.LiquidityB);
        market.CreatorAccountId = house.Id;
        market.InitialYesShares = market.YesShares = yes;
        market.InitialNoShares = market.NoShares = no;
        market.Subsidy = market.Collected = subsidy;
        house.Granted += subsidy;
        movements.Add(new CashMovement
        {
            Id = movements.Count + 1, AccountId = house.Id, MarketId = market.Id, Kind = CashMovementKind.Subsidy,
            Amount = -subsidy, MarketSequence = 0, CreatedAt = market.CreatedAt,
        });
    }

    /// <summary>After the last trade: a share of the markets is resolved, another closed early, the rest stay open.</summary>
    private void EndSome()
    {
        for (var i = 0; i < books.Length; i++)
        {
            if (i % ResolveEvery == ResolveEvery - 1) Resolve(books[i]);
            else if (i % CloseEvery == CloseEvery / 4) Close(books[i].Market);
        }
    }

    private void Close(Market market)
    {
        market.Status = MarketStatus.Closed;
        market.ClosedAt = now;
        market.Sequence++;
        events.Add(new MarketEvent
        {
            Id = events.Count + 1, MarketId = market.Id, Kind = MarketEventKind.Closed, MarketSequence = market.Sequence,
            ActorAccountId = house.Id, OccurredAt = now,
        });
    }

    /// <summary>Resolves the way the informed traders believed, through the same payout rules the live path uses.</summary>
    private void Resolve(Book book)
    {
        var market = book.Market;
        var outcome = random.NextDouble() < book.Belief ? Resolution.Yes : Resolution.No;
        var plan = Settlement.Plan(market.Collected, book.Holders, outcome);
        market.Status = MarketStatus.Resolved;
        market.Resolution = outcome;
        market.ClosedAt = market.ResolvedAt = now;
        market.Sequence++;
        foreach (var payout in plan.Payouts)
            PayOut(accounts[payout.AccountId - firstAccountId], market, CashMovementKind.Payout, payout.Amount);
        PayOut(house, market, CashMovementKind.Remainder, plan.CreatorRemainder);
        events.Add(new MarketEvent
        {
            Id = events.Count + 1, MarketId = market.Id, Kind = MarketEventKind.Resolved, MarketSequence = market.Sequence,
            Resolution = outcome, TotalPaid = plan.TotalPaid, CreatorRemainder = plan.CreatorRemainder, ActorAccountId = house.Id, OccurredAt = now,
        });
    }

    private void PayOut(Account account, Market market, CashMovementKind kind, decimal amount)
    {
        account.Balance += amount;
        market.Collected -= amount;
        movements.Add(new CashMovement
        {
            Id = movements.Count + 1, AccountId = account.Id, MarketId = market.Id, Kind = kind,
            Amount = amount, MarketSequence = market.Sequence, CreatedAt = now,
        });
    }

    private bool TryTrade()
    {
        for (var attempt = 0; attempt < AttemptsPerTrade; attempt++)
        {
            var book = books[marketPicker.Next(random)];
            var traded = random.NextDouble() < SellChance
                ? book.Holders.Count > 0 && TrySell(book.Holders[random.Next(book.Holders.Count)], book)
                : TryBuy(accounts[accountPicker.Next(random)], book);
            if (traded) return true;
        }
        return false;
    }

    private bool TryBuy(Account account, Book book)
    {
        var spend = Math.Round((decimal)LogUniform(MinimumSpend, MaximumSpend), 2);
        if (account.Balance < spend) return false;
        var fill = Pricing.Quote(MarketState.Of(book.Market), ChooseSide(book), TradeAction.Buy, spend);
        if (fill.Shares <= 0) return false;
        Apply(fill, account, book, PositionOf(account, book));
        return true;
    }

    private bool TrySell(Position position, Book book)
    {
        var side = (position.YesShares > 0, position.NoShares > 0) switch
        {
            (true, true) => random.Next(2) == 0 ? Side.Yes : Side.No,
            (true, false) => Side.Yes,
            (false, true) => Side.No,
            _ => (Side?)null,
        };
        if (side is not { } held) return false;

        var holding = position.SharesOf(held);
        var fraction = MinimumSellFraction + (1 - MinimumSellFraction) * random.NextDouble();
        var shares = holding < SellWholeBelow
            ? holding
            : Math.Round(holding * (decimal)fraction, Pricing.MoneyDecimals, MidpointRounding.ToZero);
        var fill = Pricing.Quote(MarketState.Of(book.Market), held, TradeAction.Sell, shares);
        Apply(fill, accounts[position.AccountId - firstAccountId], book, position);
        return true;
    }

    private Side ChooseSide(Book book)
    {
        if (random.NextDouble() >= InformedChance) return random.Next(2) == 0 ? Side.Yes : Side.No;
        var market = book.Market;
        var yesPrice = Lmsr.Price((double)market.YesShares, (double)market.NoShares, (double)market.LiquidityB);
        return yesPrice < book.Belief ? Side.Yes : Side.No;
    }

    private Position PositionOf(Account account, Book book)
    {
        if (positionByOwner.TryGetValue((account.Id, book.Market.Id), out var position)) return position;
        position = new Position { AccountId = account.Id, MarketId = book.Market.Id };
        positionByOwner.Add((account.Id, book.Market.Id), position);
        positions.Add(position);
        book.Holders.Add(position);
        return position;
    }

    /// <summary>The trade path's bookkeeping (the callers have made its checks), plus the trade row.</summary>
    private void Apply(Quote fill, Account account, Book book, Position position)
    {
        var trade = Ledger.Record(fill, book.Market, account, position);
        trade.Id = trades.Count + 1;
        trade.OrderId = NextOrderId();
        trades.Add(trade);
    }

    /// <summary>
    /// Evenly over the last 30 days with jitter, in simulation order, so within each market
    /// executed_at rises with market_sequence as it would have live.
    /// </summary>
    private void SpreadOverHistory()
    {
        var start = now - History;
        var slot = History / Math.Max(1, trades.Count);
        for (var i = 0; i < trades.Count; i++)
            trades[i].ExecutedAt = start + slot * (i + random.NextDouble());
    }

    // Drawn from the seeded generator, so a seed with the same options writes the same ids.
    private Guid NextOrderId()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
