namespace MarketBlazor.Data.Lifecycle;

/// <summary>Who asks to launch, close or resolve a market: their account, and whether they are an admin.</summary>
public sealed record MarketActor(int AccountId, bool IsAdmin)
{
    public bool MayEnd(int? creatorAccountId) => IsAdmin || creatorAccountId == AccountId;
}
