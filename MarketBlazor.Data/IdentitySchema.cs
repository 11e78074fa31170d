using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MarketBlazor.Data;

/// <summary>
/// Identity reads its table layout (<see cref="StoreOptions.SchemaVersion"/>) from the application's
/// services; contexts built outside the host (migrations tool, tests, bench) get these instead, so
/// every model has the passkeys table the app uses.
/// </summary>
public static class IdentitySchema
{
    public static readonly Version Version = IdentitySchemaVersions.Version3;

    public static IServiceProvider Services { get; } = new ServiceCollection()
        .Configure<IdentityOptions>(options => options.Stores.SchemaVersion = Version)
        .BuildServiceProvider();
}
