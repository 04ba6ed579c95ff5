using System.ComponentModel.DataAnnotations;

namespace UseCaseHub.Web.Insights;

/// <summary>Settings of the insights dashboard and the per-entry counters (section <c>Insights</c>).</summary>
public sealed class InsightsOptions
{
    public const string Section = "Insights";

    /// <summary>How long a computed dashboard is kept (per language): it costs a few dozen facet searches.</summary>
    [Range(0, 3600)]
    public int CacheSeconds { get; set; } = 60;

    /// <summary>How often counted views and downloads are written to the store (and once more at shutdown).</summary>
    [Range(1, 3600)]
    public int FlushSeconds { get; set; } = 30;

    /// <summary>Standards shown per vertical in "most cited standards".</summary>
    [Range(1, 20)]
    public int StandardsPerVertical { get; set; } = 5;

    /// <summary>Entries in "most viewed this quarter".</summary>
    [Range(1, 50)]
    public int MostViewed { get; set; } = 10;

    /// <summary>
    /// How many (reader, entry) pairs of the day are remembered, as hashes in memory only, so one address counts one view
    /// per entry and UTC day (<see cref="UseCaseHub.Core.Statistics.DailyReaders"/>); when full they are forgotten.
    /// </summary>
    [Range(1000, 10_000_000)]
    public int DailyReaders { get; set; } = 200_000;

    /// <summary>The days "Viewed N times" on an entry page looks back.</summary>
    [Range(1, 366)]
    public int EntryViewDays { get; set; } = 90;
}
