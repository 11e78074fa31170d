namespace MarketBlazor.App.People;

/// <summary>A key as its owner sees it after creation: never the key itself.</summary>
public sealed record ApiKeyListing(int Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public bool IsActive => RevokedAt is null;
}
