using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace MarketBlazor.Tests.Infrastructure;

/// <summary>
/// A Server-Sent Events response read one event at a time, each read with a deadline, so a test waits
/// exactly as long as the events take and fails with what it saw instead of hanging.
/// </summary>
public sealed class EventStream : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private readonly HttpResponseMessage response;
    private readonly CancellationTokenSource closing = new();
    private readonly IAsyncEnumerator<SseItem<string>> events;

    private EventStream(HttpResponseMessage response, Stream body)
    {
        this.response = response;
        events = SseParser.Create(body).EnumerateAsync(closing.Token).GetAsyncEnumerator(closing.Token);
    }

    /// <summary>Opens <paramref name="url"/> and returns once the headers are in; the response must be a 200 event stream.</summary>
    public static async Task<EventStream> OpenAsync(HttpClient http, string url, string? lastEventId = null)
    {
        var response = await SendAsync(http, url, lastEventId);
        // The body of a stream never ends: read it only when the answer is a refusal.
        if (response.StatusCode != HttpStatusCode.OK) Assert.Fail($"GET {url} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new EventStream(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The raw answer, for refusals (404, 400, 429) that never become a stream.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, string url, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (lastEventId is not null) request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(DefaultTimeout);
    }

    /// <summary>The next event of any type (heartbeats included), or null when the server ended the stream.</summary>
    public async Task<SseItem<string>?> NextOrEndAsync(TimeSpan? timeout = null)
    {
        var within = timeout ?? DefaultTimeout;
        try
        {
            return await events.MoveNextAsync().AsTask().WaitAsync(within) ? events.Current : null;
        }
        catch (TimeoutException)
        {
            Assert.Fail($"No event within {within.TotalSeconds} s.");
            throw;
        }
    }

    /// <summary>The next event that is not a heartbeat.</summary>
    public async Task<SseItem<string>> NextAsync(TimeSpan? timeout = null)
    {
        while (true)
        {
            var item = await NextOrEndAsync(timeout) ?? throw new InvalidOperationException("The stream ended.");
            if (item.EventType != "heartbeat") return item;
        }
    }

    /// <summary>The next <paramref name="count"/> events that are not heartbeats.</summary>
    public async Task<List<SseItem<string>>> TakeAsync(int count, TimeSpan? timeout = null)
    {
        var taken = new List<SseItem<string>>();
        while (taken.Count < count) taken.Add(await NextAsync(timeout));
        return taken;
    }

    public static JsonElement Data(SseItem<string> item) => JsonDocument.Parse(item.Data).RootElement;

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
        await events.DisposeAsync();
        response.Dispose();
        closing.Dispose();
    }
}
