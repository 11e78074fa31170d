using System.Text.Json;

namespace MarketBlazor.Bench.Circuits;

/// <summary>Reads the app's GET /diagnostics/memory (mapped when Diagnostics:Enabled is true).</summary>
public static class AppDiagnostics
{
    /// <returns>The managed heap after a full collection, in bytes.</returns>
    public static async Task<long> HeapBytesAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var memory = JsonDocument.Parse(await http.GetStringAsync("diagnostics/memory", cancellationToken));
        return memory.RootElement.GetProperty("heapBytes").GetInt64();
    }
}
