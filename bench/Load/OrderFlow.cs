using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;

namespace MarketBlazor.Bench.Load;

/// <summary>
/// The orders the load sends, the same for the app and for pgbench: client <c>c</c> of <c>C</c>
/// trades as account <c>c+1</c>, buying Yes or No for 1–20 on a market drawn uniformly from its
/// own slice of markets <c>first</c>..<c>first+markets-1</c> (offsets ≡ c mod C), or on the first
/// market when the load is hot. Disjoint slices mean the spread load never has two writers on
/// one market, so neither side spends time on conflicts and pgbench can replay EF's statements
/// unconditionally.
/// </summary>
public sealed class OrderFlow(BenchBoard board, int markets, int clients, bool hot, double slippage, int first = 1)
{
    public int Markets { get; } = markets;
    public int Clients { get; } = clients;
    public bool Hot { get; } = hot;

    public OrderRequest Next(int client, Random random)
    {
        var marketId = Hot ? first : first + client + Clients * random.Next(0, (Markets - 1 - client) / Clients + 1);
        var side = random.Next(2) == 0 ? Side.Yes : Side.No;
        var amount = random.Next(100, 2001) / 100m;
        var quote = board.Quote(marketId, side, amount);
        return new OrderRequest(client + 1, marketId, side, TradeAction.Buy, (double)amount, (double)quote.AveragePrice, quote.Sequence, slippage);
    }
}
