using System.ComponentModel.DataAnnotations;

namespace UseCaseHub.Web.Api;

/// <summary>Limits of the OData API (section <c>Api</c>); every over-limit request gets a 400 naming the limit.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Largest <c>$top</c> a caller may ask for.</summary>
    [Range(1, 100_000)]
    public int MaxTop { get; set; } = 1000;

    /// <summary>Server-driven page size: longer results carry <c>@odata.nextLink</c>.</summary>
    [Range(1, 100_000)]
    public int PageSize { get; set; } = 100;

    [Range(1, 10)]
    public int MaxExpansionDepth { get; set; } = 3;

    /// <summary>
    /// Rows one response may hold with its expansions, estimated before the query runs: <c>$top</c> (or the page
    /// size) times the <c>$top</c> (or page size) of each expanded collection, summed over the expansions.
    /// </summary>
    [Range(100, 10_000_000)]
    public int MaxExpandedRows { get; set; } = 50_000;

    /// <summary>Nodes in a <c>$filter</c> or <c>$orderby</c> syntax tree.</summary>
    [Range(10, 10_000)]
    public int MaxNodeCount { get; set; } = 100;

    /// <summary>Nesting of <c>any()</c>/<c>all()</c>.</summary>
    [Range(1, 10)]
    public int MaxAnyAllExpressionDepth { get; set; } = 2;

    [Range(256, 65_536)]
    public int MaxQueryStringLength { get; set; } = 4096;

    [Range(1024, 10_000_000)]
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Nesting of objects and arrays in a JSON body; an entry needs four or five levels.</summary>
    [Range(4, 256)]
    public int MaxBodyDepth { get; set; } = 32;

    /// <summary>Drafts one bulk submission may carry (<c>POST /api/use-cases/bulk</c>); more is refused whole.</summary>
    [Range(1, 1000)]
    public int MaxBulkItems { get; set; } = 100;

    /// <summary>Largest bulk submission body, in bytes.</summary>
    [Range(1024, 50_000_000)]
    public long MaxBulkBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>How many search hits <c>$search</c> collects before the rest of the query applies.</summary>
    [Range(1, 1_000_000)]
    public int MaxSearchHits { get; set; } = 10_000;
}
