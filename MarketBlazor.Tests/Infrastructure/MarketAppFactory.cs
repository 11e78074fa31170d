using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MarketBlazor.Tests.Infrastructure;

/// <summary>The real app in-process, on the test database, with no demo seeding.</summary>
public sealed class MarketAppFactory(string connectionString) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Market", connectionString);
    }
}
