using System.Collections.Concurrent;

namespace MarketBlazor.App.Components.Shared;

/// <summary>
/// One string instance for markup that many circuits render with the same content. A circuit keeps
/// the strings its render trees point to for as long as it lives: the theme's stylesheet is ≈ 60 KB
/// of text, held twice by every circuit when each builds its own copy (BENCHMARKS.md, Issue 10,
/// "fanout: memory per circuit, third pass"). Shared, it is held once by the process.
/// </summary>
/// <param name="capacity">How many contents to remember: more means something varies per circuit, which stays unshared.</param>
public sealed class SharedMarkup(int capacity)
{
    /// <summary>The process's own: a handful of contents (the theme's light and dark stylesheets, the scrollbar's, the chart styles).</summary>
    public static SharedMarkup Process { get; } = new(16);

    private readonly ConcurrentDictionary<string, string> known = new(StringComparer.Ordinal);

    /// <returns>The instance already known for this content, else <paramref name="markup"/> itself (remembered while there is room).</returns>
    public string Share(string markup)
    {
        if (known.TryGetValue(markup, out var shared)) return shared;
        return known.Count < capacity ? known.GetOrAdd(markup, markup) : markup;
    }
}
