using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MarketBlazor.Tests.Infrastructure;

/// <summary>
/// The real app in-process, on the test database, with no demo seeding.
/// <paramref name="configureServices"/> adds test services on top of the app's own (e.g. a
/// <see cref="QueryCounter"/> registered as an EF Core interceptor); <paramref name="settings"/>
/// overrides configuration (e.g. "Live:ReconcileInterval"); <paramref name="environment"/> is
/// "Testing" unless a test needs to see how another environment behaves.
/// </summary>
public sealed class MarketAppFactory(
    string connectionString,
    Action<IServiceCollection>? configureServices = null,
    IReadOnlyDictionary<string, string>? settings = null,
    string environment = "Testing") : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("ConnectionStrings:Market", connectionString);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        if (configureServices is not null) builder.ConfigureTestServices(configureServices);
    }
}
