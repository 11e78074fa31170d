using System.Net;
using System.Text.Json;
using MarketBlazor.Data.LocalPostgres;
using MarketBlazor.Tests.Infrastructure;

namespace MarketBlazor.Tests.Operations;

/// <summary>
/// /health/live and /health/ready, anonymous, JSON naming each check; readiness follows the database:
/// unhealthy while the test's own cluster is stopped, healthy again after it restarts, without an app restart.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class HealthTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly LocalCluster cluster = new(new LocalClusterOptions(
        Path.Combine(Path.GetTempPath(), $"marketblazor-health-{Guid.NewGuid():N}"), FreePort.Next(), "-c fsync=off"));
    private string connectionString = "";

    public async Task InitializeAsync()
    {
        connectionString = await cluster.EnsureStartedAsync("health");
        await TestCluster.MigrateAsync(connectionString);
    }

    public async Task DisposeAsync() => await cluster.StopAsync(deleteData: true);

    [Fact]
    public async Task Live_and_ready_answer_anonymously_with_each_check_and_ready_follows_a_database_outage()
    {
        await using var app = new MarketAppFactory(connectionString, settings: new Dictionary<string, string>
        {
            ["Live:ReconcileInterval"] = "00:00:00.500",
            ["Live:MaxReconnectDelay"] = "00:00:00.500",
        });
        using var client = app.CreateClient();

        var live = await GetAsync(client, "/health/live");
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (live.Status, live.Overall));
        Assert.Equal(["process"], live.Checks.Keys);

        var ready = await WaitForAsync(client, HttpStatusCode.OK, "ready before the outage");
        Assert.Equal(new Dictionary<string, string> { ["database"] = "Healthy", ["board"] = "Healthy", ["listener"] = "Healthy" }, ready.Checks);

        await cluster.StopAsync(deleteData: false);
        var down = await WaitForAsync(client, HttpStatusCode.ServiceUnavailable, "unready while the database is stopped");
        Assert.Equal("Unhealthy", down.Overall);
        Assert.Equal("Unhealthy", down.Checks["database"]);
        // Alive all the while: a load balancer takes it out of rotation, a supervisor does not restart it.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/health/live")).Status);

        await cluster.EnsureStartedAsync("health");
        var back = await WaitForAsync(client, HttpStatusCode.OK, "ready again after the restart");
        Assert.All(back.Checks.Values, status => Assert.Equal("Healthy", status));
    }

    private static async Task<HealthAnswer> WaitForAsync(HttpClient client, HttpStatusCode wanted, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var answer = await GetAsync(client, "/health/ready");
            if (answer.Status == wanted) return answer;
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}; last answer {answer}");
            await Task.Delay(50);
        }
    }

    private static async Task<HealthAnswer> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = json.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!);
        return new HealthAnswer(response.StatusCode, json.RootElement.GetProperty("status").GetString()!, checks);
    }

    private sealed record HealthAnswer(HttpStatusCode Status, string Overall, Dictionary<string, string> Checks)
    {
        public override string ToString() => $"{(int)Status} {Overall} [{string.Join(", ", Checks.Select(c => $"{c.Key}: {c.Value}"))}]";
    }
}
