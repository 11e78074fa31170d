using System.Collections.Concurrent;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;
using Npgsql;

namespace MarketBlazor.Bench.Load;

/// <summary>
/// What the bench's traders know about each market, as a live board tells a real trader: the
/// newest state any fill has reported. Quotes are priced against it, so an order is only as
/// stale as the trades it has not heard of yet.
/// </summary>
public sealed class BenchBoard
{
    private readonly ConcurrentDictionary<int, MarketState> states = new();

    private BenchBoard(IEnumerable<MarketState> markets)
    {
        foreach (var market in markets) states[market.MarketId] = market;
    }

    /// <summary>The markets as committed now (pgbench runs in between move them behind the board's back).</summary>
    public static async Task<BenchBoard> LoadAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT id, liquidity_b, yes_shares, no_shares, sequence FROM markets WHERE status = 'open' AND closes_at > now()", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var markets = new List<MarketState>();
        while (await reader.ReadAsync(cancellationToken))
            markets.Add(new MarketState(reader.GetInt32(0), reader.GetDecimal(1), reader.GetDecimal(2), reader.GetDecimal(3), reader.GetInt64(4)));
        return new BenchBoard(markets);
    }

    public Quote Quote(int marketId, Side side, decimal amount) => Pricing.Quote(states[marketId], side, TradeAction.Buy, amount);

    /// <summary>Keeps <paramref name="state"/> unless the board already knows a newer one.</summary>
    public void Update(MarketState state) =>
        states.AddOrUpdate(state.MarketId, state, (_, known) => state.Sequence > known.Sequence ? state : known);

    /// <summary>
    /// A buy of <paramref name="shares"/> reported without the market's totals (the HTTP answer):
    /// exact when this trader is the market's only writer, which the spread load arranges.
    /// </summary>
    public void Bought(int marketId, Side side, decimal shares, long sequence)
    {
        var known = states[marketId];
        Update(side == Side.Yes
            ? known with { YesShares = known.YesShares + shares, Sequence = sequence }
            : known with { NoShares = known.NoShares + shares, Sequence = sequence });
    }
}
