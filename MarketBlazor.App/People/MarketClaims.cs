namespace MarketBlazor.App.People;

/// <summary>Claims every signed-in principal carries (cookie or API key), so no page or order needs a query to know who trades.</summary>
public static class MarketClaims
{
    public const string AccountId = "marketblazor:account_id";
    public const string DisplayName = "marketblazor:display_name";
    public const string Guest = "marketblazor:guest";
    public const string ApiKeyId = "marketblazor:api_key_id";
}
