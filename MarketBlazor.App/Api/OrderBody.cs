namespace MarketBlazor.App.Api;

/// <summary>
/// The POST body as sent. Every field is nullable and side/action are strings so that a
/// missing or misspelt field gets a message naming it, not a generic binding failure.
/// </summary>
public sealed record OrderBody(
    int? AccountId,
    string? Side,
    string? Action,
    double? Amount,
    double? QuotedPrice,
    long? QuotedSequence,
    double? Slippage);
