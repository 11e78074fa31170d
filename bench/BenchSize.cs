namespace MarketBlazor.Bench;

/// <summary>How big a run is: Full for BENCHMARKS.md, Quick for a check under a minute, Tiny for the test suite's smoke run.</summary>
public enum BenchSize
{
    Tiny,
    Quick,
    Full,
}
