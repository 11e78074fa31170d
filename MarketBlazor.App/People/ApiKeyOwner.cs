namespace MarketBlazor.App.People;

/// <summary>What a valid key stands for, cached in memory between lookups.</summary>
public sealed record ApiKeyOwner(int KeyId, string UserId, int AccountId, string DisplayName, bool IsGuest, IReadOnlyList<string> Roles, DateTimeOffset CheckedAt);
