using System.Globalization;
using System.Net.ServerSentEvents;
using MarketBlazor.App.Live;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;

namespace MarketBlazor.App.Api.Streaming;

/// <summary>
/// The streams' vocabulary, and the one place where a market change becomes an event. Event ids are
/// set by the market stream only (<see cref="WithId"/>): the all-markets stream has no single cursor.
/// </summary>
internal static class StreamEvents
{
    public const string Ready = "ready";
    public const string Trade = "trade";
    public const string Closed = "closed";
    public const string Resolved = "resolved";
    public const string Created = "created";
    public const string Resync = "resync";
    public const string Heartbeat = "heartbeat";

    /// <summary>Resync reasons: the stream just started, or this client missed changes it cannot be given one by one.</summary>
    public const string Connected = "connected";
    public const string FellBehind = "fell_behind";

    private const string ResyncDetail = "Fetch what you have not seen of each market with GET /api/markets/{id}/trades?after=<your last sequence>, " +
        "up to the sequence given here; this stream goes on after these sequences.";

    /// <summary>A trade, a close or resolution, or (with neither) a market just launched.</summary>
    public static SseItem<object> From(MarketChange change) => change switch
    {
        { Trade: { } trade } => OfTrade(trade),
        { Event: { } lifecycle } => OfLifecycle(lifecycle),
        _ => new(CreatedEvent.From(change.Market), Created),
    };

    /// <summary>A close or resolution read back from the database (a replay), told exactly as it was told live.</summary>
    public static SseItem<object> OfLifecycle(MarketEventView change) =>
        new(LifecycleEvent.From(change), change.Kind == MarketEventKind.Closed ? Closed : Resolved);

    /// <summary>A trade read back from the board or the database (a replay), told exactly as it was told live.</summary>
    public static SseItem<object> OfTrade(TradeView trade) => new(TradeEvent.From(trade), Trade);

    public static SseItem<object> ReadyAt(int marketId, long sequence) => new(new ReadyEvent(marketId, sequence), Ready);

    public static SseItem<object> ResyncAt(string reason, IReadOnlyDictionary<int, long> sequences) =>
        new(new ResyncEvent(reason, ResyncDetail, sequences), Resync);

    /// <summary>No id, so a client's last event id stays put; a browser's EventSource hands it to onmessage only if asked for "heartbeat".</summary>
    public static SseItem<object> Beat(DateTimeOffset now) => new(new HeartbeatEvent(now), Heartbeat);

    /// <summary>On a market's stream the id is the market sequence, so Last-Event-ID resumes exactly.</summary>
    public static SseItem<object> WithId(this SseItem<object> item, long sequence) =>
        item with { EventId = sequence.ToString(CultureInfo.InvariantCulture) };
}
