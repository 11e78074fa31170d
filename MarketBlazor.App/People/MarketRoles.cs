namespace MarketBlazor.App.People;

public static class MarketRoles
{
    /// <summary>Resolves any market, moderates, runs the simulator in Production, reads diagnostics.</summary>
    public const string Admin = "admin";
}
