using System.ComponentModel.DataAnnotations;

namespace MarketBlazor.Data.Entities;

public class Account
{
    public int Id { get; set; }
    public required string DisplayName { get; set; }
    public decimal Balance { get; set; }

    /// <summary>All play money ever given to this account; the cash-conservation invariant sums it.</summary>
    public decimal Granted { get; set; }

    public bool IsSimulated { get; set; }

    /// <summary>The person who owns this account; null for bots (simulated) and the house.</summary>
    public string? UserId { get; set; }

    [Timestamp]
    public uint Version { get; set; }

    public List<Position> Positions { get; set; } = [];
}
