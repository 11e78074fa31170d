using System.Collections.Concurrent;
using System.Diagnostics;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Telemetry;
using MarketBlazor.Data.Trading;
using MarketBlazor.Tests.Infrastructure;

namespace MarketBlazor.Tests.Operations;

/// <summary>An order is one trace: its span, its wait in the lane, the batch commit that wrote it (linked to it) and the fan-out.</summary>
public sealed class OrderTraceTests(DatabaseFixture database) : DatabaseTest(database)
{
    [Fact]
    public async Task An_order_is_one_trace_through_the_lane_the_batch_commit_and_the_fanout()
    {
        var market = await Data.MarketAsync();
        var account = await Data.AccountAsync();
        var trading = TradeServices.Service(Database.Contexts);
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MarketTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        // Stands in for the HTTP request's span: other tests' orders (the source is process-wide) are in other traces.
        using var request = new Activity("test request").Start();
        var result = await trading.PlaceOrderAsync(new OrderRequest(account.Id, market.Id, Side.Yes, TradeAction.Buy, 5, 0.5, 0, 0.5));
        request.Stop();

        Assert.True(result is OrderFilled, $"the order was not filled: {result}");
        var ours = spans.Where(s => s.TraceId == request.TraceId).ToList();
        var order = Assert.Single(ours, s => s.OperationName == "order");
        Assert.Equal(request.SpanId, order.ParentSpanId);
        Assert.Equal("filled", order.GetTagItem(OrderOutcomes.TagName));
        Assert.Equal(market.Id, order.GetTagItem("marketblazor.market_id"));
        var queued = Assert.Single(ours, s => s.OperationName == "order queue");
        Assert.Equal(order.SpanId, queued.ParentSpanId);
        var commit = Assert.Single(ours, s => s.OperationName == "order batch commit");
        Assert.Contains(commit.Links, link => link.Context.SpanId == order.SpanId);
        Assert.Contains(ours, s => s.OperationName == "order fanout" && s.ParentSpanId == order.SpanId);
    }
}
