using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace MarketBlazor.Bench.Circuits;

/// <summary>
/// One Blazor Server circuit driven without a browser (DESIGN §7): a SignalR connection to
/// /_blazor speaking blazorpack, StartCircuit and UpdateRootComponents from a prerendered page's
/// markers, every JS interop call answered with success, every render batch acknowledged (after
/// ten unacknowledged batches the server stops rendering). Records when each expected push arrived.
/// </summary>
public sealed class HeadlessCircuit : IAsyncDisposable
{
    private readonly HubConnection connection;
    private readonly PushWatch watch;
    private readonly DateTimeOffset[] deliveredAt;
    private readonly TaskCompletionSource firstRender = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int nextUndelivered;

    private HeadlessCircuit(HubConnection connection, PushWatch watch)
    {
        this.connection = connection;
        this.watch = watch;
        deliveredAt = new DateTimeOffset[watch.Capacity];
        connection.On<long, string, string, long, long, long>("JS.BeginInvokeJS", AnswerJsCallAsync);
        connection.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        connection.On<string>("JS.Error", error =>
        {
            Error ??= error;
            firstRender.TrySetException(new InvalidOperationException($"Circuit error: {error}"));
        });
        connection.Closed += e =>
        {
            Closed = true;
            CloseReason ??= e?.GetBaseException().Message ?? "the server closed the connection";
            firstRender.TrySetException(new InvalidOperationException("The circuit's connection closed before its first render.", e));
            return Task.CompletedTask;
        };
    }

    /// <summary>The circuit's secret id (what /_blazor/disconnect takes).</summary>
    public string? CircuitId { get; private set; }

    /// <summary>The last render batch received, for settling: no new batches for a while means the page is quiet.</summary>
    public long LastBatchTimestamp { get; private set; }

    public string? Error { get; private set; }

    public bool Closed { get; private set; }

    /// <summary>Why the connection closed, when it did (e.g. a server timeout while the app was saturated).</summary>
    public string? CloseReason { get; private set; }

    /// <summary>When expected push <c>k</c> arrived, or default if it has not.</summary>
    public DateTimeOffset DeliveredAt(int k) => deliveredAt[k];

    /// <param name="cookie">The Cookie header of a signed-in person, for pages that need one; the circuit runs as them.</param>
    public static async Task<HeadlessCircuit> StartAsync(Uri app, PrerenderedPage page, PushWatch watch, string? cookie, CancellationToken cancellationToken)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(app, "_blazor"), HttpTransportType.WebSockets, options =>
            {
                options.SkipNegotiation = true;
                if (cookie is not null) options.Headers["Cookie"] = cookie;
            });
        // HubConnection takes the last IHubProtocol registered; the builder has already added JSON.
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackHubProtocol());
        var connection = builder.Build();
        // Thousands of circuits start at once on two cores: give the handshake and pings room.
        connection.HandshakeTimeout = TimeSpan.FromSeconds(60);
        connection.ServerTimeout = TimeSpan.FromSeconds(120);

        var circuit = new HeadlessCircuit(connection, watch);
        try
        {
            await connection.StartAsync(cancellationToken);
            circuit.CircuitId = await connection.InvokeAsync<string?>("StartCircuit",
                app.ToString(), new Uri(app, page.Path.TrimStart('/')).ToString(), "[]", page.State, cancellationToken)
                ?? throw new InvalidOperationException("StartCircuit refused the circuit.");
            var operations = page.Markers.Select((marker, i) => new
            {
                type = "add",
                ssrComponentId = i + 1,
                marker = JsonDocument.Parse(marker).RootElement,
            });
            await connection.SendAsync("UpdateRootComponents",
                JsonSerializer.Serialize(new { batchId = 1, operations }), page.State, cancellationToken);
            await circuit.firstRender.Task.WaitAsync(TimeSpan.FromSeconds(120), cancellationToken);
            return circuit;
        }
        catch
        {
            await circuit.DisposeAsync();
            throw;
        }
    }

    private Task AnswerJsCallAsync(long handle, string identifier, string argsJson, long resultType, long targetInstanceId, long callType) =>
        connection.SendAsync("EndInvokeJSFromDotNet", handle, true, $"[{handle},true,null]");

    private Task OnRenderBatchAsync(long batchId, byte[] batch)
    {
        var arrived = DateTimeOffset.UtcNow;
        LastBatchTimestamp = Stopwatch.GetTimestamp();
        var newest = watch.NewestIn(batch, nextUndelivered);
        if (newest >= 0)
        {
            for (var k = nextUndelivered; k <= newest; k++) deliveredAt[k] = arrived;
            nextUndelivered = newest + 1;
        }
        firstRender.TrySetResult();
        return connection.SendAsync("OnRenderCompleted", batchId, (string?)null);
    }

    /// <summary>Ends the circuit on the server at once (as a closing tab does), then closes the connection.</summary>
    public async Task DisconnectAsync(HttpClient http, CancellationToken cancellationToken)
    {
        // Our own teardown is not a failure worth reporting.
        CloseReason ??= "";
        if (CircuitId is not null)
        {
            using var form = new FormUrlEncodedContent([new("circuitId", CircuitId)]);
            using var response = await http.PostAsync("_blazor/disconnect", form, cancellationToken);
        }
        await DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();
}
