using System.Diagnostics;
using MarketBlazor.Data;
using MarketBlazor.Data.LocalPostgres;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MarketBlazor.Tests.EndToEnd;

/// <summary>
/// One app on a real Kestrel port over a database of its own, seeded before start-up, plus one
/// headless Chromium (Debian's, not a Playwright download) shared by the browser tests.
/// </summary>
public sealed class EndToEndApp : IAsyncLifetime
{
    /// <summary>Debian's Chromium; MARKETBLAZOR_CHROMIUM overrides it on machines that keep it elsewhere.</summary>
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("MARKETBLAZOR_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private KestrelMarketApp? app;
    private IPlaywright? playwright;

    public string BaseUrl { get; private set; } = "";
    public string ConnectionString { get; private set; } = "";
    public IDbContextFactory<MarketDbContext> Contexts { get; private set; } = null!;
    public EndToEndWorld World { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Every EF Core command the app sends, for the query-free-rendering check.</summary>
    public QueryCounter Queries { get; } = new();

    public IServiceProvider Services => app?.Services ?? throw new InvalidOperationException("The app has not started.");

    /// <summary>artifacts/screenshots under the repository root (git-ignored).</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(
        RepositoryRoot.Find() ?? throw new InvalidOperationException($"No MarketBlazor.sln above {AppContext.BaseDirectory}."),
        "artifacts", "screenshots");

    public TimeSpan StartupTime { get; private set; }

    public async Task InitializeAsync()
    {
        // Fail, do not skip: CI installs Chromium, and a silently skipped browser suite is a green
        // build that proves nothing.
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"The end-to-end tests need Chromium at {ChromiumPath} and it is not there. " +
                "Install it with `apt-get install -y chromium` (Debian's package; no `playwright install`), " +
                "or point MARKETBLAZOR_CHROMIUM at a Chromium binary.");

        var started = Stopwatch.StartNew();
        ConnectionString = await TestCluster.CreateDatabaseAsync("marketblazor_e2e");
        Contexts = MarketDbOptions.PooledFactory(ConnectionString);
        World = await EndToEndWorld.SeedAsync(Contexts);

        app = new KestrelMarketApp(ConnectionString, Queries);
        app.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        app.StartServer();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        // Browsed as "localhost", not the bound 127.0.0.1: WebAuthn (passkeys) refuses an IP address as its relying party.
        BaseUrl = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))?.TrimEnd('/').Replace("127.0.0.1", "localhost", StringComparison.Ordinal)
            ?? throw new InvalidOperationException($"The app did not report an http address (got: {string.Join(", ", addresses)}).");
        await WaitUntilServingAsync();

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
        StartupTime = started.Elapsed;
    }

    /// <summary>Polls the home page until it answers, with a deadline, so a broken start-up fails clearly.</summary>
    private async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync(BaseUrl + "/");
                if (response.IsSuccessStatusCode) return;
                last = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"The app at {BaseUrl} did not serve / within 60 s; last: {last}");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        if (app is not null) await app.DisposeAsync();
    }
}
