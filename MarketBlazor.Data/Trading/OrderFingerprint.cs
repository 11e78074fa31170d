using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MarketBlazor.Data.Trading;

/// <summary>
/// A 64-bit hash of an order's terms (whose, where, what, at which quote), stored with its trade
/// (trades.order_fingerprint), so that a retry of an order id can be told apart from a different
/// order that reuses the id.
/// </summary>
public static class OrderFingerprint
{
    public static long Of(OrderRequest order)
    {
        // "R" round-trips a double exactly, so equal inputs always give equal text and no two different values collide.
        var terms = string.Join('|',
            order.AccountId.ToString(CultureInfo.InvariantCulture),
            order.MarketId.ToString(CultureInfo.InvariantCulture),
            order.Side, order.Action,
            order.Amount.ToString("R", CultureInfo.InvariantCulture),
            order.QuotedPrice.ToString("R", CultureInfo.InvariantCulture),
            order.QuotedSequence.ToString(CultureInfo.InvariantCulture),
            order.Slippage.ToString("R", CultureInfo.InvariantCulture));
        return BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(terms)));
    }
}
