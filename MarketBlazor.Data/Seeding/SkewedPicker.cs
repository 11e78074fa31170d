namespace MarketBlazor.Data.Seeding;

/// <summary>
/// Picks indexes 0..count−1 with Zipf-like weights 1/rank^exponent, so a few items take most
/// of the picks, as a few markets take most of a real market's volume. Ranks are dealt out
/// in random order so the popular items are not simply the first ones.
/// </summary>
internal sealed class SkewedPicker
{
    private readonly double[] cumulativeWeight;
    private readonly int[] itemAtRank;
    private readonly int[] rankOfItem;

    public SkewedPicker(int count, double exponent, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        itemAtRank = Enumerable.Range(0, count).ToArray();
        random.Shuffle(itemAtRank);
        rankOfItem = new int[count];
        for (var rank = 0; rank < count; rank++) rankOfItem[itemAtRank[rank]] = rank;
        cumulativeWeight = new double[count];
        var total = 0.0;
        for (var rank = 0; rank < count; rank++)
        {
            total += 1 / Math.Pow(rank + 1, exponent);
            cumulativeWeight[rank] = total;
        }
    }

    /// <summary>The fraction of picks that go to <paramref name="item"/> in the long run.</summary>
    public double ShareOf(int item)
    {
        var rank = rankOfItem[item];
        return (cumulativeWeight[rank] - (rank == 0 ? 0 : cumulativeWeight[rank - 1])) / cumulativeWeight[^1];
    }

    public int Next(Random random)
    {
        var target = random.NextDouble() * cumulativeWeight[^1];
        var rank = Array.BinarySearch(cumulativeWeight, target);
        if (rank < 0) rank = ~rank;
        return itemAtRank[Math.Min(rank, itemAtRank.Length - 1)];
    }
}
