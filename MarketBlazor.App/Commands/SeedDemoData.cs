using MarketBlazor.App.Hosting;
using MarketBlazor.App.Seeding;

namespace MarketBlazor.App.Commands;

/// <summary><c>seed ...</c>: the bulk seeder, which checks its own arguments (see <see cref="SeedCommand"/>).</summary>
internal sealed record SeedDemoData(string[] Args) : IAdminCommand
{
    public Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken = default) =>
        SeedCommand.RunAsync(services.GetRequiredService<MarketDatabase>().ConnectionString, Args, output);
}
