namespace MarketBlazor.App.People;

public sealed class PeopleOptions
{
    public const string Section = "People";

    /// <summary>Play money every new account (person or guest) starts with.</summary>
    public decimal StartingBalance { get; set; } = 1_000m;

    /// <summary>How long a validated API key is trusted from memory before it is looked up again (revocation on another instance takes at most this long).</summary>
    public TimeSpan ApiKeyCacheTime { get; set; } = TimeSpan.FromSeconds(30);
}
