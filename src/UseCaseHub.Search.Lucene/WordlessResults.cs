using System.Globalization;
using System.Text;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Search.Lucene;

/// <summary>
/// Results of searches without words (facet counts: OData's tag pivots, <c>/insights</c>, <c>/api/search</c> with filters
/// only), kept per point-in-time searcher. Such a search visits every visible document (100,000 at scale) to count its
/// facets, yet its answer depends only on the request and the searcher's reader, which never changes: the next searcher
/// (after an index commit) starts empty, so a cached answer is exactly as fresh as a computed one.
/// </summary>
internal static class WordlessResults
{
    /// <summary>Distinct requests kept per searcher; beyond it (many organisations' audiences, odd pages) searches run uncached.</summary>
    private static readonly PerReaderCache<SearchResult> Cache = new(256);

    public static SearchResult GetOrSearch(SnapshotSearcher searcher, SearchRequest request, Func<SearchResult> search) =>
        string.IsNullOrWhiteSpace(request.Query) ? Cache.GetOrAdd(searcher, Key(request), search) : search();

    /// <summary>Every field of the request that shapes the answer (a test checks that each property of the request is in it).</summary>
    internal static string Key(SearchRequest request)
    {
        var key = new StringBuilder();
        key.Append(CultureInfo.InvariantCulture, $"{request.Query}|{request.Audience.SeesEverything}|{request.Audience.Organization}|{request.Language}|{request.OriginalsOnly}|{request.FacetLimit}|{request.FacetChildren}|{request.Sort}|{request.Page}|{request.PageSize}|{request.Highlight}|");
        CacheKey.AppendParts(key, request.Facets);
        foreach (var (facet, values) in request.Filters.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            CacheKey.AppendParts(key, [facet, .. values.Order(StringComparer.Ordinal)]);
        }

        return key.ToString();
    }
}
