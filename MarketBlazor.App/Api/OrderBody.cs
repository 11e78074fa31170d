using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Trading;
using Microsoft.Extensions.Options;

namespace MarketBlazor.App.Api;

/// <summary>
/// The POST body of an order. JSON binding checks types (a mistyped field or word is a 400 naming
/// its path); validation checks presence (400 listing what is missing) and values (422 with the
/// trade path's own message, see <see cref="ApiProblemShapes"/>).
/// </summary>
public sealed record OrderBody : IValidatableObject
{
    /// <summary>Optional: an order always trades as the API key's owner, and naming another account is refused.</summary>
    public int? AccountId { get; init; }

    [Required(ErrorMessage = ApiProblemShapes.MissingField)]
    [JsonConverter(typeof(SideWordConverter))]
    public Side? Side { get; init; }

    [Required(ErrorMessage = ApiProblemShapes.MissingField)]
    [JsonConverter(typeof(ActionWordConverter))]
    public TradeAction? Action { get; init; }

    /// <summary>Cash to spend (buy) or shares to sell (sell).</summary>
    [Required(ErrorMessage = ApiProblemShapes.MissingField)]
    public double? Amount { get; init; }

    [Required(ErrorMessage = ApiProblemShapes.MissingField)]
    public double? QuotedPrice { get; init; }

    [Required(ErrorMessage = ApiProblemShapes.MissingField)]
    public long? QuotedSequence { get; init; }

    [Required(ErrorMessage = ApiProblemShapes.MissingField)]
    public double? Slippage { get; init; }

    /// <summary>Optional UUID naming the order, so a retry after a lost answer gets the first fill back instead of a second one.</summary>
    public Guid? OrderId { get; init; }

    public OrderRequest ToRequest(int accountId, int marketId) =>
        new(accountId, marketId, Side!.Value, Action!.Value, Amount!.Value, QuotedPrice!.Value, QuotedSequence!.Value, Slippage!.Value,
            OrderId ?? Guid.Empty);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Missing fields are reported by [Required]; the terms are only judged once they are all there.
        if (Side is not { } side || Action is not { } action || Amount is not { } amount || QuotedPrice is not { } price
            || QuotedSequence is not { } sequence || Slippage is not { } slippage)
            yield break;

        // The trade path's own rules and words, so the API and the order form refuse the same things the same way.
        var trading = validationContext.GetService(typeof(IOptions<TradingOptions>)) as IOptions<TradingOptions>
            ?? throw new InvalidOperationException("Trading options are not registered.");
        var (_, error) = new OrderValidator(trading.Value).ValidateTerms(side, action, amount, price, sequence, slippage);
        // Every message of the trade path's validator starts with the JSON name of the field it is about.
        if (error is not null) yield return new ValidationResult(error, [error.Split(' ')[0]]);
    }
}
