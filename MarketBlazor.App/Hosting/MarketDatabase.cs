namespace MarketBlazor.App.Hosting;

/// <summary>The connection string this process settled on (configured, or the private development cluster).</summary>
public sealed record MarketDatabase(string ConnectionString);
