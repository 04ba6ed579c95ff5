using System.Diagnostics;

namespace UseCaseHub.Benchmarks;

/// <summary>Latencies in milliseconds and their percentiles.</summary>
internal sealed class Latencies
{
    private readonly List<double> _ms = [];

    public int Count => _ms.Count;

    public void Add(long startTimestamp) => _ms.Add(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds);

    public void AddRange(Latencies other) => _ms.AddRange(other._ms);

    /// <summary>How many entries each measured query matched.</summary>
    public List<long> Totals { get; } = [];

    /// <summary>Bytes the measured queries allocated, all together.</summary>
    public long AllocatedBytes { get; set; }

    public double Mean => _ms.Count == 0 ? double.NaN : _ms.Average();

    public double Percentile(double p)
    {
        if (_ms.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _ms.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public string TotalsSummary()
    {
        var sorted = Totals.Order().ToList();
        long At(double p) => sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
        return $"hits per query: p50 {At(50):N0}, p95 {At(95):N0}, mean {(sorted.Count == 0 ? 0 : sorted.Average()):N0}; {AllocatedBytes / 1024.0 / Math.Max(1, Count):F0} KB allocated per query";
    }

    public string Summary() => $"p50 {Percentile(50):F2} ms, p95 {Percentile(95):F2} ms, p99 {Percentile(99):F2} ms";
}
