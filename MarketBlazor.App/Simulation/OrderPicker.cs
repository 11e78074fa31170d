using MarketBlazor.App.Live;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;

namespace MarketBlazor.App.Simulation;

/// <summary>
/// Invents plausible orders from the board's current state: a simulated account, an open market,
/// a sell when it holds shares and is short of cash (or one time in four), otherwise a small buy,
/// always with the price it was just quoted and one of the tolerances people pick.
/// </summary>
internal sealed class OrderPicker(MarketBoard board, TimeProvider clock)
{
    private static readonly double[] Tolerances = [0.005, 0.01, 0.02, 0.05];

    public OrderRequest? Next(Random random)
    {
        var now = clock.GetUtcNow();
        var markets = board.Markets().Where(m => m.AcceptsOrdersAt(now)).ToList();
        var accounts = board.Accounts().Where(a => a.IsSimulated).ToList();
        if (markets.Count == 0 || accounts.Count == 0) return null;

        var account = accounts[random.Next(accounts.Count)];
        var market = markets[random.Next(markets.Count)];
        var side = random.Next(2) == 0 ? Side.Yes : Side.No;
        var held = board.Position(account.Id, market.Id) is { } position ? position.SharesOf(side) : 0;
        var sell = held >= 0.01m && (account.Balance < 5 || random.Next(4) == 0);
        var amount = sell
            ? Math.Round(held * (decimal)(0.2 + 0.8 * random.NextDouble()), 6)
            : Math.Round(1 + 19 * (decimal)random.NextDouble(), 2);

        var quote = board.Quote(market.Id, side, sell ? TradeAction.Sell : TradeAction.Buy, (double)amount).Quote;
        if (quote is null) return null;
        return new OrderRequest(account.Id, market.Id, side, quote.Action, (double)amount, (double)quote.AveragePrice,
            quote.Sequence, Tolerances[random.Next(Tolerances.Length)]);
    }
}
