namespace MarketBlazor.Data.LocalPostgres;

/// <summary>Where and how a private development/test PostgreSQL cluster runs.</summary>
/// <param name="ServerSettings">Extra <c>-c name=value</c> settings (tests turn durability off for speed).</param>
public sealed record LocalClusterOptions(string DataDirectory, int Port, string ServerSettings = "")
{
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=5";
}
