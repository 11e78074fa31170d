namespace MarketBlazor.Data.Entities;

/// <summary>
/// A personal API key. The key itself is shown once and never stored: only its SHA-256 hash,
/// and a short prefix so its owner can tell keys apart.
/// </summary>
public class ApiKey
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    public required byte[] Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
