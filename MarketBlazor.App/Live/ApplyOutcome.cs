namespace MarketBlazor.App.Live;

public enum ApplyOutcome
{
    Applied,

    /// <summary>The board already has this trade (a duplicate, or an older change arriving late).</summary>
    AlreadyApplied,

    /// <summary>Trades before this one are missing: the market must be repaired from the database.</summary>
    Gap,
}
