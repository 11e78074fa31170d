using Microsoft.AspNetCore.Components.Server.Circuits;

namespace MarketBlazor.App.Live;

/// <summary>
/// One circuit's connection state. While a browser is offline the circuit survives on the
/// server; when it comes back, views that hold state of their own replay what they missed.
/// </summary>
public sealed class LiveCircuit : CircuitHandler
{
    private bool wasDown;

    /// <summary>Raised when the browser reconnects to this circuit after losing it.</summary>
    public event Func<Task>? Reconnected;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        wasDown = true;
        return Task.CompletedTask;
    }

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (!wasDown) return;
        wasDown = false;
        if (Reconnected is { } handlers)
            foreach (var handler in handlers.GetInvocationList().Cast<Func<Task>>()) await handler();
    }
}
