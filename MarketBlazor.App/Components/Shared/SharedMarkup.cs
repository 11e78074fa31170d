using System.Collections.Concurrent;

namespace MarketBlazor.App.Components.Shared;

/// <summary>
/// One string instance for markup that many circuits render with the same content. A circuit keeps
/// the strings its render trees point to for as long as it lives: the theme's stylesheet is ≈ 60 KB
/// of text, held twice by every circuit when each builds its own copy (BENCHMARKS.md, Issue 10,
/// "fanout: memory per circuit, third pass"). Shared, it is held once by the process.
/// </summary>
public static class SharedMarkup
{
    /// <summary>A handful of contents (the theme's light and dark stylesheets, the scrollbar's): more means something varies per circuit, which stays unshared.</summary>
    public const int Capacity = 16;

    private static readonly ConcurrentDictionary<string, string> Known = new(StringComparer.Ordinal);

    /// <returns>The instance already known for this content, else <paramref name="markup"/> itself (remembered while there is room).</returns>
    public static string Share(string markup)
    {
        if (Known.TryGetValue(markup, out var known)) return known;
        return Known.Count < Capacity ? Known.GetOrAdd(markup, markup) : markup;
    }
}
