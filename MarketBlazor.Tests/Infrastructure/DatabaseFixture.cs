using MarketBlazor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Respawn;
using Respawn.Graph;

namespace MarketBlazor.Tests.Infrastructure;

/// <summary>The shared test database plus a Respawn reset that every database test calls first.</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    private Respawner? respawner;

    public string ConnectionString { get; private set; } = "";
    public IDbContextFactory<MarketDbContext> Contexts { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestCluster.ConnectionStringAsync();
        Contexts = CreateFactory();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            TablesToIgnore = [new Table("__EFMigrationsHistory")],
        });
    }

    /// <summary>A separate pooled factory, optionally with interceptors: a second "process" in concurrency tests.</summary>
    public IDbContextFactory<MarketDbContext> CreateFactory(params IInterceptor[] interceptors) =>
        MarketDbOptions.PooledFactory(ConnectionString, interceptors);

    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await respawner!.ResetAsync(connection);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
