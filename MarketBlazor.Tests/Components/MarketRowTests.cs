using Bunit;
using MarketBlazor.App.Components.Pages.Markets;
using MarketBlazor.App.Live;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MarketBlazor.Tests.Components;

/// <summary>A board row's 1h/24h change cells, against a clock the test moves.</summary>
public sealed class MarketRowTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_change_cells_follow_the_clock_and_the_row_re_renders_only_when_a_shown_value_moves()
    {
        var clock = new ManualClock(Start);
        var board = new MarketBoard(Options.Create(new TradingOptions()), clock);
        var market = new MarketSnapshot(1, "row-market", "Will the row follow the clock?", "", "Testing", MarketStatus.Open, Start.AddDays(30), 100m, 0m, 0m, 0, 0);
        board.Launch(market);
        board.Apply(market with { Sequence = 1 }, new TradeView(1, 1, 1, Side.Yes, TradeAction.Buy, 2m, 1m, 0.5m, 0.6m, 1, Start.AddMinutes(10)));
        clock.Now = Start.AddMinutes(30);
        using var context = new BunitContext();
        context.Services.AddSingleton<TimeProvider>(clock);
        void Parameters(ComponentParameterCollectionBuilder<MarketRow> p) => p.Add(r => r.Market, board.Entry(1)!).Add(r => r.ClosesIn, "closes in 30d");

        var row = context.Render<MarketRow>(Parameters);
        Assert.Equal("10.0", row.Find(".change-1h .price-change span:nth-child(2)").TextContent);
        Assert.Contains("up", row.Find(".change-1h .price-change").ClassList);
        var renders = row.RenderCount;

        // The page renders again with the same market and nothing shown moved: the row does not render.
        row.Render(Parameters);
        Assert.Equal(renders, row.RenderCount);

        // 75 minutes in, with no trade since the one at 10: the 1h window starts after it (no change), the 24h one still sees it.
        clock.Now = Start.AddMinutes(75);
        row.Render(Parameters);
        Assert.True(row.RenderCount > renders, "The row did not render when its 1h change moved with the clock.");
        Assert.Contains("flat", row.Find(".change-1h .price-change").ClassList);
        Assert.Equal("0.0", row.Find(".change-1h .price-change span:nth-child(2)").TextContent);
        Assert.Contains("up", row.Find(".change-24h .price-change").ClassList);
        Assert.Equal("10.0", row.Find(".change-24h .price-change span:nth-child(2)").TextContent);
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
