using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace MarketBlazor.App.Operations;

/// <summary>
/// One process may host several apps (the tests do) and meters are process-wide: an instrument
/// made by another app's meter factory is not this app's to report. Global meters (the runtime's) stay.
/// </summary>
/// <remarks>
/// OpenTelemetry builds its views before the container exists; this app's meter factory is taken
/// when the provider creates its instrumentations, which happens before it starts listening.
/// </remarks>
internal sealed class OwnMeters
{
    private IMeterFactory? factory;

    public OwnMeters Of(IServiceProvider provider)
    {
        factory = provider.GetRequiredService<IMeterFactory>();
        return this;
    }

    public MetricStreamConfiguration? OthersDropped(Instrument instrument) =>
        instrument.Meter.Scope is { } scope && !ReferenceEquals(scope, factory) ? MetricStreamConfiguration.Drop : null;
}
