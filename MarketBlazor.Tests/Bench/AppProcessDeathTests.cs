using System.Globalization;
using System.Diagnostics;
using MarketBlazor.Tests.Infrastructure;

namespace MarketBlazor.Tests.Bench;

/// <summary>The real app, serving, then killed from outside: what the launcher reports afterwards.</summary>
[Trait("Speed", "Slow")]
public class AppProcessDeathTests(DatabaseFixture database) : DatabaseTest(database)
{
    [Fact]
    public async Task An_app_killed_while_serving_is_reported_with_its_signal_and_last_lines()
    {
        await using var app = await AppProcess.StartAsync(Database.ConnectionString, new Dictionary<string, string>());
        Assert.True(app.WorkingSetBytes > 0);

        using (var kill = Process.Start("kill", ["-KILL", app.Id.ToString(CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        var death = await app.Exited.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(137, death.ExitCode);
        Assert.Contains("SIGKILL", death.Summary);
        Assert.NotEmpty(death.LastLines);
        Assert.Equal(death.LastLines, app.LastOutput.Split('\n'));
        var readAfterDeath = Assert.Throws<AppExitedException>(() => app.WorkingSetBytes);
        Assert.Equal(137, readAfterDeath.ExitCode);
        Assert.True(readAfterDeath.Message.Length > readAfterDeath.Summary.Length);
    }
}
