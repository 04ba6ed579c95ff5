using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace UseCaseHub.Core.Telemetry;

/// <summary>
/// The hub's own meter and activity source. They cost nothing until a listener (the host's OpenTelemetry) subscribes,
/// so Core records into them without knowing who reads.
/// </summary>
public static class HubTelemetry
{
    /// <summary>The meter and activity source name to subscribe to.</summary>
    public const string Name = "UseCaseHub";

    public static readonly Meter Meter = new(Name);

    public static readonly ActivitySource Activities = new(Name);

    /// <summary>How long the search engine took, tagged with the engine and the operation (search, suggest, similar...).</summary>
    public static readonly Histogram<double> SearchDuration = Meter.CreateHistogram<double>(
        "usecasehub.search.duration", "s", "Time the search engine took to answer one call.");

    /// <summary>Search calls that failed, tagged as <see cref="SearchDuration"/> is.</summary>
    public static readonly Counter<long> SearchFailures = Meter.CreateCounter<long>(
        "usecasehub.search.failures", "{call}", "Search engine calls that threw.");
}
