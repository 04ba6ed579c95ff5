using System.ComponentModel.DataAnnotations;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Web.Offline;

/// <summary>The "download for offline" zip: how many entries one download holds and how long built zips are kept.</summary>
public sealed class OfflineOptions
{
    public const string Section = "Offline";

    /// <summary>Most entries in one zip (the best first); the page says when the search has more.</summary>
    [Range(1, 2000)]
    public int MaxEntries { get; set; } = 200;

    /// <summary>Hits asked of the engine per call while collecting them (the engine's most is 100; tests page with fewer).</summary>
    [Range(1, SearchRequest.MaxPageSize)]
    public int SearchPageSize { get; set; } = SearchRequest.MaxPageSize;

    /// <summary>
    /// Bytes all kept zips may take together. A zip is built once when its page is shown and the same bytes are
    /// served at download, so the size the page states is the size that arrives.
    /// </summary>
    [Range(1024 * 1024, 1024L * 1024 * 1024)]
    public long CacheBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Zips built at the same time, host-wide: a build reads and renders up to <see cref="MaxEntries"/> entries, so a
    /// burst of new searches waits a few seconds for a turn, then gets a 503 with Retry-After rather than exhausting the host.
    /// </summary>
    [Range(1, 64)]
    public int MaxConcurrentBuilds { get; set; } = 2;

    /// <summary>How long a built zip is kept after it was built (never longer: visibility is checked when it is built).</summary>
    [Range(10, 3600)]
    public int CacheSeconds { get; set; } = 600;
}
