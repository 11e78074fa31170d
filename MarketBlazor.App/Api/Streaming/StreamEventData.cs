using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;

namespace MarketBlazor.App.Api.Streaming;

/// <summary>A committed trade, as the <c>trade</c> event carries it; the same fields as <c>GET /api/markets/{id}/trades</c>, plus the Yes price after it.</summary>
public sealed record TradeEvent(
    int MarketId, long Sequence, long TradeId, int AccountId, Side Side, TradeAction Action, decimal Shares, decimal Amount,
    decimal PriceBefore, decimal PriceAfter, decimal YesPrice, DateTimeOffset ExecutedAt)
{
    public static TradeEvent From(TradeView t) =>
        new(t.MarketId, t.Sequence, t.Id, t.AccountId, t.Side, t.Action, t.Shares, t.Amount, t.PriceBefore, t.PriceAfter, t.YesPriceAfter, t.ExecutedAt);
}

/// <summary>A market closed (<c>closed</c>) or resolved (<c>resolved</c>, with what it paid); it takes a market sequence like a trade.</summary>
public sealed record LifecycleEvent(
    int MarketId, long Sequence, string Kind, string? Resolution, decimal? Probability, decimal? TotalPaid, decimal? CreatorRemainder, DateTimeOffset At)
{
    public static LifecycleEvent From(MarketEventView e) => new(
        e.MarketId, e.Sequence, e.Kind.ToString().ToLowerInvariant(), e.Resolution?.ToString().ToLowerInvariant(), e.ResolutionProbability,
        e.TotalPaid, e.CreatorRemainder, e.OccurredAt);
}

/// <summary>A market was launched (<c>created</c>, sequence 0).</summary>
public sealed record CreatedEvent(int MarketId, long Sequence, string Slug, string Question, string Category, decimal YesPrice, DateTimeOffset ClosesAt)
{
    public static CreatedEvent From(MarketSnapshot m) => new(m.Id, m.Sequence, m.Slug, m.Question, m.Category, m.YesPrice, m.ClosesAt);
}

/// <summary>The first event of a market's stream: the sequence it starts after (every later event has a greater one).</summary>
public sealed record ReadyEvent(int MarketId, long Sequence);

/// <summary>
/// The all-markets stream cannot replay by itself: it gives every market's sequence as of now, the client fetches
/// what it has not seen up to these with <c>GET /api/markets/{id}/trades?after=</c>, and the stream goes on after them.
/// </summary>
public sealed record ResyncEvent(string Reason, string Detail, IReadOnlyDictionary<int, long> Sequences);

/// <summary>Sent on a quiet stream so proxies keep it open; <see cref="At"/> is the server's clock.</summary>
public sealed record HeartbeatEvent(DateTimeOffset At);
