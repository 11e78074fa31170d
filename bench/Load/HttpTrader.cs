using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MarketBlazor.Data.Entities;

namespace MarketBlazor.Bench.Load;

/// <summary>
/// The same orders as <see cref="InProcessTrader"/>, posted to the app along <paramref name="route"/>:
/// <c>POST /api/markets/{id}/orders</c> with the trader's key, or the bench-only baseline.
/// </summary>
public sealed class HttpTrader(HttpClient http, OrderFlow flow, BenchBoard board, OrderRoute route)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A client for many concurrent orders to one app: no cap on connections, no proxy lookup.</summary>
    /// <param name="timeout">How long one request may take (default 30 s; a saturated app under fan-out needs longer).</param>
    public static HttpClient Client(Uri app, TimeSpan? timeout = null) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = int.MaxValue,
        UseProxy = false,
        // A Cookie header set by the caller (a signed-in viewer) is sent as it is.
        UseCookies = false,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    })
    {
        BaseAddress = app,
        Timeout = timeout ?? TimeSpan.FromSeconds(30),
    };

    public async Task<OrderOutcome> PlaceAsync(int client, Random random, CancellationToken cancellationToken)
    {
        var order = flow.Next(client, random);
        var body = new
        {
            // The key owner's own account: the public endpoint allows it (and takes the owner's anyway), the baseline needs it.
            accountId = order.AccountId,
            side = order.Side == Side.Yes ? "yes" : "no",
            action = order.Action == TradeAction.Buy ? "buy" : "sell",
            amount = order.Amount,
            quotedPrice = order.QuotedPrice,
            quotedSequence = order.QuotedSequence,
            slippage = order.Slippage,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, route.Path(order.MarketId)) { Content = JsonContent.Create(body, options: Json) };
        if (route.Key(order.AccountId) is { } key) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request, cancellationToken);
        using var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            var fill = answer.RootElement;
            board.Bought(order.MarketId, order.Side, fill.GetProperty("shares").GetDecimal(), fill.GetProperty("sequence").GetInt64());
            return OrderOutcome.Fill;
        }
        return OrderOutcome.Rejected(answer.RootElement.TryGetProperty("reason", out var reason) ? reason.GetString() ?? "unknown" : $"http_{(int)response.StatusCode}");
    }
}
