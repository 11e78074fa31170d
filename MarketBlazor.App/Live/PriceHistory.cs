using System.Collections;

namespace MarketBlazor.App.Live;

/// <summary>
/// A market's price points, oldest first, bounded to <see cref="Capacity"/>: once full, the older
/// half is thinned to every other point (the listing point stays), so the recent past keeps every
/// trade and the chart's longer ranges keep their shape. Immutable to readers: versions share one
/// buffer, each sees only the points it was created with, and a point is appended to the shared
/// buffer only once per version (a second append from the same version copies).
/// </summary>
public sealed class PriceHistory : IReadOnlyList<PricePoint>
{
    public const int Capacity = 1_024;

    private const int FirstBuffer = 8;

    private readonly PricePoint[] buffer;
    private readonly int offset;
    private int extended;

    private PriceHistory(PricePoint[] buffer, int offset, int count, bool appendable)
    {
        this.buffer = buffer;
        this.offset = offset;
        Count = count;
        extended = appendable ? 0 : 1;
    }

    public static PriceHistory Starting(PricePoint listing)
    {
        var first = new PricePoint[FirstBuffer];
        first[0] = listing;
        return new PriceHistory(first, 0, 1, appendable: true);
    }

    /// <summary>Points read back from the database, oldest first; thinned like a live history when there are more than fit.</summary>
    public static PriceHistory Of(IReadOnlyList<PricePoint> points)
    {
        var history = Starting(points[0]);
        for (var i = 1; i < points.Count; i++) history = history.Append(points[i]);
        return history;
    }

    public int Count { get; }

    public PricePoint this[int index] => (uint)index < (uint)Count ? buffer[offset + index] : throw new ArgumentOutOfRangeException(nameof(index));

    public PricePoint Last => buffer[offset + Count - 1];

    public PriceHistory Append(PricePoint point)
    {
        var end = offset + Count;
        if (end < buffer.Length && Interlocked.Exchange(ref extended, 1) == 0)
        {
            buffer[end] = point;
            return new PriceHistory(buffer, offset, Count + 1, appendable: true);
        }
        if (Count < Capacity)
        {
            var grown = new PricePoint[Math.Clamp(Count * 2, FirstBuffer, Capacity)];
            Array.Copy(buffer, offset, grown, 0, Count);
            grown[Count] = point;
            return new PriceHistory(grown, 0, Count + 1, appendable: true);
        }
        return Thinned(point);
    }

    /// <summary>The listing point, every other point of the older half, the recent half whole, then <paramref name="point"/>.</summary>
    private PriceHistory Thinned(PricePoint point)
    {
        var thinned = new PricePoint[Capacity];
        var count = 0;
        thinned[count++] = this[0];
        var recent = Count / 2;
        for (var i = 2; i < recent; i += 2) thinned[count++] = this[i];
        for (var i = recent; i < Count; i++) thinned[count++] = this[i];
        thinned[count++] = point;
        return new PriceHistory(thinned, 0, count, appendable: true);
    }

    /// <summary>The last point at or before <paramref name="at"/>, or -1 when every point is later (points are in time order).</summary>
    public int LastIndexAtOrBefore(DateTimeOffset at) => LastIndexBefore(at, inclusive: true);

    /// <summary>The last point strictly before <paramref name="at"/>, or -1 when there is none.</summary>
    public int LastIndexBefore(DateTimeOffset at) => LastIndexBefore(at, inclusive: false);

    private int LastIndexBefore(DateTimeOffset at, bool inclusive)
    {
        int low = 0, high = Count - 1, found = -1;
        while (low <= high)
        {
            var middle = low + (high - low) / 2;
            var point = this[middle].At;
            if (point < at || (inclusive && point == at))
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return found;
    }

    /// <summary>The points from <paramref name="start"/> on, sharing this version's buffer.</summary>
    public PriceHistory From(int start) =>
        start <= 0 ? this : new PriceHistory(buffer, offset + start, Count - start, appendable: false);

    public PriceHistory LastPoints(int count) => From(Count - count);

    public IEnumerator<PricePoint> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return buffer[offset + i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
