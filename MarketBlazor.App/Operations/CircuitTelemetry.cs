using MarketBlazor.Data.Telemetry;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace MarketBlazor.App.Operations;

/// <summary>Counts open circuits, and puts the circuit id on every log line written while one of its events is handled.</summary>
internal sealed class CircuitTelemetry(MarketTelemetry telemetry, ILogger<CircuitTelemetry> logger) : CircuitHandler
{
    private static readonly Func<ILogger, string, IDisposable?> CircuitScope = LoggerMessage.DefineScope<string>("Circuit {CircuitId}");

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        telemetry.CircuitOpened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        telemetry.CircuitClosed();
        return Task.CompletedTask;
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            using var scope = CircuitScope(logger, context.Circuit.Id);
            await next(context);
        };
}
