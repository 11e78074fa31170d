using MarketBlazor.Data.Trading;

namespace MarketBlazor.Data.Lifecycle;

/// <summary>What a launch, close or resolution did: user errors are refusals, never exceptions.</summary>
public abstract record LifecycleResult;

public sealed record MarketCreated(MarketSnapshot Market, int CreatorAccountId, decimal Subsidy) : LifecycleResult;

public sealed record MarketClosed(MarketSnapshot Market) : LifecycleResult;

public sealed record MarketResolved(MarketSnapshot Market, SettlementSummary Settlement) : LifecycleResult;

/// <summary>Nothing was written.</summary>
public sealed record LifecycleRefused(LifecycleRefusal Reason, string Message) : LifecycleResult;

public enum LifecycleRefusal
{
    NotFound,
    Forbidden,
    Invalid,
    AlreadyResolved,
    InsufficientFunds,

    /// <summary>The market is not in a state that allows this (e.g. closing a closed market), or kept changing under us.</summary>
    Conflict,
}
