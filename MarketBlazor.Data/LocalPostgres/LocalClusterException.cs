namespace MarketBlazor.Data.LocalPostgres;

public sealed class LocalClusterException(string message) : Exception(message);
