using MarketBlazor.App.People;
using Microsoft.AspNetCore.Authorization;

namespace MarketBlazor.App.Api;

/// <summary>
/// Measurement hooks for the bench (bench/: fanout's memory, http's order baseline without
/// authentication), mapped only when configuration Diagnostics:Enabled is true: never in an
/// ordinary deployment. The memory reading needs an admin's API key: a measuring program calls it, not a browser.
/// </summary>
internal static class DiagnosticsEndpoints
{
    private static readonly AuthorizeAttribute AdminKey = new(MarketPolicies.Admin) { AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName };

    public static void MapDiagnostics(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Diagnostics:Enabled", false)) return;

        // The managed heap after a full, compacting collection: what live objects (e.g. circuits) really hold.
        app.MapGet("/diagnostics/memory", () =>
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            return Results.Ok(new { heapBytes = GC.GetTotalMemory(forceFullCollection: true), workingSetBytes = Environment.WorkingSet });
        }).RequireAuthorization(AdminKey).ExcludeFromDescription();

        app.MapBenchOrders();
    }
}
