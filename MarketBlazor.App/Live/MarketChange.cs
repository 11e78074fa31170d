using System.Diagnostics;
using MarketBlazor.Data.Trading;

namespace MarketBlazor.App.Live;

/// <summary>
/// One committed change and the market state it produced: a trade, a close or resolution
/// (<see cref="Event"/>), or, with neither, a new market at sequence 0.
/// </summary>
public sealed record MarketChange(MarketSnapshot Market, TradeView? Trade, MarketEventView? Event = null)
{
    public long Sequence => Market.Sequence;

    /// <summary>When it was handed to the fan-out (a Stopwatch timestamp, right after commit), and the span it came from.</summary>
    internal long CommittedAt { get; } = Stopwatch.GetTimestamp();
    internal ActivityContext Trace { get; } = Activity.Current?.Context ?? default;

    /// <summary>When the board held it, set by its shard just before delivery: where fan-out lag starts.</summary>
    internal long AppliedAt { get; set; }

    /// <summary>A change is its content: when and how it travelled does not make two changes differ.</summary>
    public bool Equals(MarketChange? other) =>
        other is not null && Market == other.Market && Trade == other.Trade && Event == other.Event;

    public override int GetHashCode() => HashCode.Combine(Market, Trade, Event);
}
