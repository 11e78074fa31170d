using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MarketBlazor.App.Api;
using MarketBlazor.Data;
using MarketBlazor.Data.LocalPostgres;
using MarketBlazor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarketBlazor.Tests.Api;

/// <summary>
/// PostgreSQL goes away under a running app: reads that need it answer 503 "unavailable" as
/// ProblemDetails, and the outage is logged once, not once per request. A cluster of its own,
/// since it is stopped in the middle of the test.
/// </summary>
[Trait("Speed", "Slow")]
public class ApiOutageTests : IAsyncLifetime
{
    private readonly LocalCluster cluster = new(new LocalClusterOptions(
        Path.Combine(Path.GetTempPath(), $"marketblazor-api-outage-{Guid.NewGuid():N}"), FreePort.Next(), "-c fsync=off"));
    private string connectionString = "";

    public async Task InitializeAsync()
    {
        connectionString = await cluster.EnsureStartedAsync("api_outage");
        await TestCluster.MigrateAsync(connectionString);
    }

    public async Task DisposeAsync() => await cluster.StopAsync(deleteData: true);

    [Fact]
    public async Task Reads_that_need_the_database_are_503_unavailable_and_the_outage_is_logged_once()
    {
        var market = await new TestData(MarketDbOptions.PooledFactory(connectionString)).MarketAsync();
        var logs = new WarningLog();
        await using var app = new MarketAppFactory(connectionString, services => services.AddSingleton<ILoggerProvider>(logs));
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/markets/{market.Id}/trades")).StatusCode);

        await cluster.StopAsync(deleteData: false);
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++) answers.Add(await client.GetAsync($"/api/markets/{market.Id}/trades"));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.ServiceUnavailable, a.StatusCode));
        foreach (var answer in answers)
        {
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
            Assert.Equal("unavailable", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        }
        Assert.True(logs.From<ApiExceptionHandler>() <= 1, $"the outage was logged {logs.From<ApiExceptionHandler>()} times by the API");
        Assert.Equal(0, logs.Errors);
        // The board still answers from memory.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/markets/{market.Id}")).StatusCode);
    }

    private sealed class WarningLog : ILoggerProvider
    {
        private readonly ConcurrentDictionary<string, int> warnings = new();
        private int errors;

        public int Errors => errors;

        public int From<T>() => warnings.GetValueOrDefault(typeof(T).FullName!);

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(WarningLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel == LogLevel.Warning) log.warnings.AddOrUpdate(category, 1, (_, n) => n + 1);
                if (logLevel >= LogLevel.Error && category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)) Interlocked.Increment(ref log.errors);
            }
        }
    }
}
