using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;

namespace MarketBlazor.Bench.Circuits;

/// <summary>
/// Orders on one market at a fixed rate through the app's JSON API (pushes only follow orders
/// the app itself commits). Every order buys the side that moves the price away from the nearer
/// edge, sized so the Yes price moves at least <see cref="MinimumStep"/>: the price text each
/// order produces ("54.8%") is then new within the run, and a render batch carrying it can only
/// be that order's push (or a later one's, which includes it).
/// </summary>
public sealed class Ticker
{
    public const decimal MinimumStep = 0.002m;

    private readonly HttpClient http;
    private readonly int accountId;
    private readonly Side side;
    private MarketState state;

    private Ticker(HttpClient http, int accountId, MarketState state)
    {
        this.http = http;
        this.accountId = accountId;
        this.state = state;
        side = YesPrice(state) < 0.5m ? Side.Yes : Side.No;
    }

    public int MarketId => state.MarketId;

    /// <summary>The market's sequence before the first order: the trades after it are this run's.</summary>
    public long FirstSequence { get; private set; }

    public static async Task<Ticker> StartAsync(HttpClient http, int marketId, int accountId, CancellationToken cancellationToken)
    {
        using var market = JsonDocument.Parse(await http.GetStringAsync($"api/markets/{marketId}", cancellationToken));
        var m = market.RootElement;
        var state = new MarketState(marketId, m.GetProperty("liquidity").GetDecimal(), m.GetProperty("yesShares").GetDecimal(),
            m.GetProperty("noShares").GetDecimal(), m.GetProperty("sequence").GetInt64());
        return new Ticker(http, accountId, state) { FirstSequence = state.Sequence };
    }

    /// <summary>The board's price cell for a state: Format.Percent of the Yes price, as the app renders it.</summary>
    public static string PriceText(MarketState state) =>
        (YesPrice(state) * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>The live-ping page's line for a state.</summary>
    public static string PingText(MarketState state) => $"market {state.MarketId} at sequence {state.Sequence}";

    /// <summary>
    /// Sends <paramref name="orders"/> orders, one every <paramref name="interval"/> (later if the
    /// app answers slower than that), telling <paramref name="watch"/> what each push will show first.
    /// </summary>
    /// <returns>The HTTP round trip of each order, in milliseconds.</returns>
    public async Task<IReadOnlyList<double>> RunAsync(int orders, TimeSpan interval, PushWatch watch, Func<MarketState, string> pushText, CancellationToken cancellationToken)
    {
        var roundTrips = new List<double>(orders);
        var start = Stopwatch.GetTimestamp();
        for (var k = 0; k < orders; k++)
        {
            var due = interval * k - Stopwatch.GetElapsedTime(start);
            if (due > TimeSpan.Zero) await Task.Delay(due, cancellationToken);

            var (amount, fill) = Size();
            var next = Next(fill);
            watch.Expect(pushText(next));
            var sent = Stopwatch.GetTimestamp();
            using var response = await http.PostAsJsonAsync($"api/markets/{MarketId}/orders", new
            {
                accountId,
                side = side == Side.Yes ? "yes" : "no",
                action = "buy",
                amount,
                quotedPrice = fill.AveragePrice,
                quotedSequence = state.Sequence,
                slippage = 0.05,
            }, cancellationToken);
            roundTrips.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Ticker order {k} on market {MarketId} was refused: {body}");
            using var filled = JsonDocument.Parse(body);
            var sequence = filled.RootElement.GetProperty("sequence").GetInt64();
            if (sequence != next.Sequence)
                throw new InvalidOperationException($"Market {MarketId} moved to {sequence}, expected {next.Sequence}: someone else is trading it.");
            state = next;
        }
        return roundTrips;
    }

    /// <summary>The smallest whole amount (doubling from 1) whose fill moves the Yes price by at least <see cref="MinimumStep"/>.</summary>
    private (decimal Amount, Quote Fill) Size()
    {
        var before = YesPrice(state);
        for (var amount = 1m; ; amount *= 2)
        {
            var fill = Pricing.Quote(state, side, TradeAction.Buy, amount);
            if (Math.Abs(YesPrice(Next(fill)) - before) >= MinimumStep || amount >= 10_000m) return (amount, fill);
        }
    }

    private MarketState Next(Quote fill) => side == Side.Yes
        ? state with { YesShares = state.YesShares + fill.Shares, Sequence = state.Sequence + 1 }
        : state with { NoShares = state.NoShares + fill.Shares, Sequence = state.Sequence + 1 };

    private static decimal YesPrice(MarketState state) => Pricing.YesPrice(state.YesShares, state.NoShares, state.LiquidityB);
}
