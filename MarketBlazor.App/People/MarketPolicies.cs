namespace MarketBlazor.App.People;

/// <summary>Authorization policy names; every endpoint and page names one of these, or AllowAnonymous.</summary>
public static class MarketPolicies
{
    /// <summary>Signed in with the cookie and owning a trading account (guests included).</summary>
    public const string Trader = "trader";

    /// <summary>A signed-in person who is not a guest (creates markets, manages API keys).</summary>
    public const string Member = "member";

    public const string Admin = "admin";

    /// <summary>Authenticated with an API key (Bearer), never the cookie.</summary>
    public const string ApiClient = "api-client";

    /// <summary>Admins, and everyone in Development.</summary>
    public const string Simulator = "simulator";
}
