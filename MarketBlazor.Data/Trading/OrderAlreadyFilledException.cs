namespace MarketBlazor.Data.Trading;

/// <summary>An order id that already has its trade was submitted again.</summary>
internal sealed class OrderAlreadyFilledException() : Exception("This order id has already filled.");
