using System.Text.RegularExpressions;
using MarketBlazor.Data.Trading;

namespace MarketBlazor.Data.Telemetry;

/// <summary>
/// The <c>outcome</c> tag of an answered order: "filled" or the refusal reason in snake_case
/// ("stale_quote", "insufficient_funds", ...). Built once, so tagging an order allocates nothing.
/// </summary>
public static partial class OrderOutcomes
{
    public const string TagName = "outcome";

    private static readonly KeyValuePair<string, object?> Filled = new(TagName, "filled");

    private static readonly KeyValuePair<string, object?>[] Refused = Enum.GetValues<RejectReason>()
        .Select(reason => new KeyValuePair<string, object?>(TagName, NameOf(reason)))
        .ToArray();

    public static KeyValuePair<string, object?> Of(OrderResult result) => result switch
    {
        OrderRejected refused when (int)refused.Reason < Refused.Length => Refused[(int)refused.Reason],
        OrderRejected refused => new(TagName, NameOf(refused.Reason)),
        _ => Filled,
    };

    public static string NameOf(RejectReason reason) => WordBoundary().Replace(reason.ToString(), "$1_$2").ToLowerInvariant();

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex WordBoundary();
}
