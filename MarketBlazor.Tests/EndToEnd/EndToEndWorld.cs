using MarketBlazor.Data;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MarketBlazor.Tests.EndToEnd;

/// <summary>
/// Everything the browser tests need, created before the app starts (the market board is loaded
/// once at start-up, so rows inserted later would not be on it). Each test has its own people and
/// markets, so no test depends on another's trades. Every person signs in with
/// <see cref="EmailOf"/> and <see cref="Password"/>.
/// </summary>
public sealed class EndToEndWorld
{
    public const string Password = "E2e-Password-1";

    public static string EmailOf(Account person) => person.DisplayName.Split(' ')[0].ToLowerInvariant() + "@e2e.test";

    public required Account Alice { get; init; }
    public required Account Bob { get; init; }
    public required Account Carol { get; init; }
    public required Account Dave { get; init; }
    public required Account Erin { get; init; }
    public required Account Frank { get; init; }
    public required Account Grace { get; init; }

    /// <summary>Adds a passkey and signs in with it.</summary>
    public required Account Ivan { get; init; }

    /// <summary>Signs out in one tab while another is open.</summary>
    public required Account Judy { get; init; }

    /// <summary>Creates a market and resolves it while Leo trades it (issue 9).</summary>
    public required Account Kate { get; init; }

    /// <summary>Sees Kate's market appear, buys Yes and is paid.</summary>
    public required Account Leo { get; init; }

    /// <summary>Alice trades it while Bob watches (live updates).</summary>
    public required Market Live { get; init; }

    /// <summary>Carol moves it behind Dave's back (stale quote).</summary>
    public required Market Stale { get; init; }

    /// <summary>Only read (page loads, query counting).</summary>
    public required Market Quiet { get; init; }

    public required IReadOnlyList<Market> Markets { get; init; }

    public static async Task<EndToEndWorld> SeedAsync(IDbContextFactory<MarketDbContext> contexts)
    {
        var accounts = new Dictionary<string, Account>();
        foreach (var name in new[] { "Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Ivan", "Judy", "Kate", "Leo", "Simulated Sam" })
            accounts[name] = new Account { DisplayName = $"{name} E2E", Balance = 10_000m, Granted = 10_000m, IsSimulated = name.StartsWith("Simulated") };

        var now = DateTimeOffset.UtcNow;
        Market NewMarket(string slug, string question, string category, decimal liquidity, int closesInDays) => new()
        {
            Slug = slug,
            Question = question,
            Description = $"A market of the browser tests. It resolves Yes if the answer to \"{question}\" is yes.",
            Category = category,
            LiquidityB = liquidity,
            ClosesAt = now.AddDays(closesInDays),
            CreatedAt = now.AddDays(-3),
        };
        var live = NewMarket("e2e-live-prices", "Will the live board move when Alice trades?", "Technology", 100m, 30);
        var stale = NewMarket("e2e-stale-quote", "Will Dave's quote go stale?", "Finance", 100m, 20);
        var quiet = NewMarket("e2e-quiet-market", "Will the quiet market stay quiet?", "Science", 150m, 10);
        var extra = new[]
        {
            NewMarket("e2e-rain-in-lisbon", "Will it rain in Lisbon on New Year's Day?", "Weather", 80m, 40),
            NewMarket("e2e-rocket-launch", "Will the next rocket launch happen on schedule?", "Science", 120m, 5),
            NewMarket("e2e-election-turnout", "Will turnout exceed 70% in the next election?", "Politics", 200m, 90),
        };
        Market[] markets = [live, stale, quiet, .. extra];

        await using (var db = await contexts.CreateDbContextAsync())
        {
            var hasher = new PasswordHasher<MarketUser>();
            foreach (var account in accounts.Values.Where(a => !a.IsSimulated))
            {
                var email = EmailOf(account);
                var user = new MarketUser
                {
                    UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                    EmailConfirmed = true, SecurityStamp = Guid.NewGuid().ToString("N"), DisplayName = account.DisplayName, CreatedAt = now,
                    LockoutEnabled = true, Account = account,
                };
                user.PasswordHash = hasher.HashPassword(user, Password);
                db.Users.Add(user);
            }
            db.Accounts.AddRange(accounts.Values.Where(a => a.IsSimulated));
            db.Markets.AddRange(markets);
            await db.SaveChangesAsync();
        }

        // Some history through the real trade service (no live sink: the app is not running yet,
        // and its board will load these from the database), so charts, feeds and portfolios have
        // something to draw. Erin and Sam hold positions; the test accounts start empty.
        var trading = TradeServices.Service(contexts);
        var sam = accounts["Simulated Sam"];
        var erin = accounts["Erin"];
        var index = 0;
        foreach (var market in markets)
        {
            index++;
            await BuyAsync(trading, sam.Id, market.Id, index % 2 == 0 ? Side.No : Side.Yes, 10 + 3 * index);
            await BuyAsync(trading, erin.Id, market.Id, Side.Yes, 5 + index);
            await BuyAsync(trading, sam.Id, market.Id, index % 3 == 0 ? Side.Yes : Side.No, 4 + index);
        }

        return new EndToEndWorld
        {
            Alice = accounts["Alice"], Bob = accounts["Bob"], Carol = accounts["Carol"], Dave = accounts["Dave"],
            Erin = erin, Frank = accounts["Frank"], Grace = accounts["Grace"], Ivan = accounts["Ivan"], Judy = accounts["Judy"],
            Kate = accounts["Kate"], Leo = accounts["Leo"],
            Live = live, Stale = stale, Quiet = quiet, Markets = markets,
        };
    }

    private static async Task BuyAsync(TradeService trading, int accountId, int marketId, Side side, decimal amount)
    {
        var quote = (await trading.QuoteAsync(marketId, side, TradeAction.Buy, (double)amount)).Quote!;
        var result = await trading.PlaceOrderAsync(new OrderRequest(accountId, marketId, side, TradeAction.Buy, (double)amount,
            (double)quote.AveragePrice, quote.Sequence, 0.01));
        if (result is not OrderFilled) throw new InvalidOperationException($"Seeding a browser-test trade failed: {result}");
    }
}
