namespace MarketBlazor.Data.Trading;

/// <summary>A batch's answers, one per order, and the fills it committed, in commit order (what subscribers hear of).</summary>
internal sealed record WrittenBatch(OrderResult[] Results, IReadOnlyList<OrderFilled> NewFills);
