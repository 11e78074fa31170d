using MarketBlazor.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace MarketBlazor.Tests.EndToEnd;

/// <summary>
/// The real app in this process on a real Kestrel socket (.NET 10's <c>UseKestrel</c> +
/// <c>StartServer</c>), so a real browser can reach it and the test can still reach its services
/// (the query counter, the market board).
/// </summary>
internal sealed class KestrelMarketApp(string connectionString, QueryCounter queries) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // "Testing", not Development: a configured database that does not answer must fail loudly
        // instead of quietly starting the private development cluster, and nothing is seeded.
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Market", connectionString);
        builder.UseSetting("Seed:OnEmptyDatabase", "false");
        // The periodic reconciliation poll would otherwise (a) query the database while a test
        // counts queries and (b) repair the board at a moment of its choosing while the stale-quote
        // test keeps one change deliberately unannounced. Neither test is about that poll.
        builder.UseSetting("Live:ReconcileInterval", "01:00:00");
        // Likewise the poll for markets due to close: its query would land in the query-counting window.
        builder.UseSetting("Lifecycle:CloseInterval", "01:00:00");
        // Outside Development the host does not map the build's static web assets (MudBlazor's
        // css/js, blazor.web.js, scoped css) from their package and obj folders; do it explicitly.
        builder.UseStaticWebAssets();
        builder.ConfigureTestServices(services => services.AddSingleton<IInterceptor>(queries));
    }
}
