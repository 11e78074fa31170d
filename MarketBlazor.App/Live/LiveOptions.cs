namespace MarketBlazor.App.Live;

public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>How often each instance compares its board with the database (one cheap query).</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>NOTIFY after commit and LISTEN for other instances' changes.</summary>
    public bool CrossInstance { get; set; } = true;

    /// <summary>How long the notifier gathers changes before one NOTIFY (bounds NOTIFY commits to one per interval).</summary>
    public TimeSpan NotifyCoalescing { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Fan-out partitions: one hot market only delays the markets sharing its shard.</summary>
    public int Shards { get; set; } = 8;

    /// <summary>Names this instance's listener connection in pg_stat_activity (marketblazor-listener-{name}).</summary>
    public string InstanceName { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Longest wait between listener reconnection attempts.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(10);
}
