using System.Text;

namespace MarketBlazor.Bench.Circuits;

/// <summary>
/// The texts the pushed renders are expected to carry, one per order in commit order (e.g. the
/// market's new price "54.8%"), registered before each order is sent. A circuit that finds text
/// <c>k</c> in a render batch has been told of orders up to <c>k</c>: pushes coalesce, so one
/// batch can deliver several orders.
/// </summary>
public sealed class PushWatch(int capacity)
{
    private readonly byte[][] texts = new byte[capacity][];
    private int count;

    public int Count => Volatile.Read(ref count);

    public int Capacity => capacity;

    public void Expect(string text)
    {
        if (count == capacity) throw new InvalidOperationException($"PushWatch holds at most {capacity} texts.");
        texts[count] = Encoding.UTF8.GetBytes(text);
        Volatile.Write(ref count, count + 1);
    }

    /// <returns>The newest expected text at or after <paramref name="from"/> that <paramref name="batch"/> contains, or -1.</returns>
    public int NewestIn(ReadOnlySpan<byte> batch, int from)
    {
        for (var k = Count - 1; k >= from; k--)
        {
            if (batch.IndexOf(texts[k]) >= 0) return k;
        }
        return -1;
    }
}
