using MarketBlazor.App.Live;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;

namespace MarketBlazor.App.Simulation;

/// <summary>
/// Invents plausible orders from the board's current state, always as a bot (a simulated account
/// nobody owns, see <see cref="BoardAccount.IsSimulated"/>), never as the person watching: a small
/// buy sized from the bot's cash, or a sell of shares it holds, with the price it was just quoted
/// and one of the tolerances people pick.
/// </summary>
/// <remarks>
/// Bots are funded by sizing, not by printing money: a buy spends at most half of what the bot has
/// left once this simulator's buys still in flight are counted (the board learns of a fill only
/// after it commits), and a bot short of cash sells instead (at most half a holding, so a second
/// sell in flight fits too). No grant is ever needed, so the cash-conservation invariant holds
/// without bookkeeping outside the trade path, and other instances' boards never miss a top-up.
/// A bot with neither cash nor sellable shares is skipped.
/// </remarks>
internal sealed class OrderPicker(MarketBoard board, TimeProvider clock)
{
    private readonly Dictionary<int, decimal> spending = [];
    private readonly Lock gate = new();

    private const decimal MinimumBuy = 1m;
    private const decimal LargestBuy = 20m;
    private const decimal ShortOfCash = 5m;
    private const decimal MinimumSell = 0.01m;
    private const int BotsTried = 8;
    private static readonly double[] Tolerances = [0.005, 0.01, 0.02, 0.05];

    public OrderRequest? Next(Random random)
    {
        var now = clock.GetUtcNow();
        var markets = board.Markets().Where(m => m.AcceptsOrdersAt(now)).ToList();
        var bots = board.Accounts().Where(a => a.IsSimulated).ToList();
        if (markets.Count == 0 || bots.Count == 0) return null;

        for (var attempt = 0; attempt < BotsTried; attempt++)
        {
            var bot = bots[random.Next(bots.Count)];
            if (Pick(bot, markets, random) is not { } pick) continue;
            var (marketId, side, action, amount) = pick;
            var quote = board.Quote(marketId, side, action, (double)amount).Quote;
            if (quote is null) continue;
            if (action == TradeAction.Buy) Reserve(bot.Id, amount);
            return new OrderRequest(bot.Id, marketId, side, action, (double)amount, (double)quote.AveragePrice,
                quote.Sequence, Tolerances[random.Next(Tolerances.Length)]);
        }
        return null;
    }

    /// <summary>Call when an order from <see cref="Next"/> has been answered (or failed), so its cash counts as the bot's again.</summary>
    public void Done(OrderRequest order)
    {
        if (order.Action != TradeAction.Buy) return;
        lock (gate)
        {
            var left = spending.GetValueOrDefault(order.AccountId) - (decimal)order.Amount;
            if (left <= 0) spending.Remove(order.AccountId);
            else spending[order.AccountId] = left;
        }
    }

    private void Reserve(int botId, decimal amount)
    {
        lock (gate) spending[botId] = spending.GetValueOrDefault(botId) + amount;
    }

    private decimal Spending(int botId)
    {
        lock (gate) return spending.GetValueOrDefault(botId);
    }

    private (int MarketId, Side Side, TradeAction Action, decimal Amount)? Pick(BoardAccount bot, List<MarketSnapshot> markets, Random random)
    {
        var spendable = Math.Floor((bot.Balance - Spending(bot.Id)) / 2 * 100) / 100;
        var market = markets[random.Next(markets.Count)];
        var side = random.Next(2) == 0 ? Side.Yes : Side.No;
        var held = board.Position(bot.Id, market.Id)?.SharesOf(side) ?? 0;
        var canBuy = spendable >= MinimumBuy;
        if (held >= MinimumSell && (!canBuy || bot.Balance < ShortOfCash || random.Next(4) == 0))
            return (market.Id, side, TradeAction.Sell, SellAmount(held, random));
        if (canBuy)
            return (market.Id, side, TradeAction.Buy, Math.Min(spendable, Math.Round(MinimumBuy + (LargestBuy - MinimumBuy) * (decimal)random.NextDouble(), 2)));

        // Out of cash and nothing on this side of this market: sell something it holds where trading is open.
        var open = markets.Select(m => m.Id).ToHashSet();
        var holdings = board.PositionsOf(bot.Id)
            .Where(p => open.Contains(p.MarketId))
            .SelectMany(p => new[] { (p.MarketId, Side: Side.Yes, Shares: p.YesShares), (p.MarketId, Side: Side.No, Shares: p.NoShares) })
            .Where(h => h.Shares >= MinimumSell)
            .ToList();
        if (holdings.Count == 0) return null;
        var (marketId, heldSide, shares) = holdings[random.Next(holdings.Count)];
        return (marketId, heldSide, TradeAction.Sell, SellAmount(shares, random));
    }

    /// <summary>At most half the shares held, so a second sell of the same holding still in flight fits too.</summary>
    private static decimal SellAmount(decimal held, Random random) => Math.Round(held * (decimal)(0.2 + 0.3 * random.NextDouble()), 6);
}
