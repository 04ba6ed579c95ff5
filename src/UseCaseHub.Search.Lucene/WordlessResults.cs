using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
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
    private const int MaxPerSearcher = 256;

    private static readonly ConditionalWeakTable<SnapshotSearcher, ConcurrentDictionary<string, SearchResult>> Cache = new();

    public static SearchResult GetOrSearch(SnapshotSearcher searcher, SearchRequest request, Func<SearchResult> search)
    {
        if (!string.IsNullOrWhiteSpace(request.Query))
        {
            return search();
        }

        var results = Cache.GetValue(searcher, _ => new ConcurrentDictionary<string, SearchResult>(StringComparer.Ordinal));
        var key = Key(request);
        if (results.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var result = search();
        if (results.Count < MaxPerSearcher)
        {
            results.TryAdd(key, result);
        }

        return result;
    }

    /// <summary>Every field of the request that shapes the answer (a test checks that each property of the request is in it).</summary>
    internal static string Key(SearchRequest request)
    {
        var key = new StringBuilder();
        key.Append(CultureInfo.InvariantCulture, $"{request.Query}|{request.Audience.SeesEverything}|{request.Audience.Organization}|{request.Language}|{request.OriginalsOnly}|{request.FacetLimit}|{request.FacetChildren}|{request.Sort}|{request.Page}|{request.PageSize}|{request.Highlight}|");
        key.AppendJoin(',', request.Facets).Append('|');
        foreach (var (facet, values) in request.Filters.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            key.Append(facet).Append('=');
            key.AppendJoin('\u001f', values.Order(StringComparer.Ordinal)).Append('\u001e');
        }

        return key.ToString();
    }
}
