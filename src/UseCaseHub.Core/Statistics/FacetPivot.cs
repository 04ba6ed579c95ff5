using UseCaseHub.Core.Search;

namespace UseCaseHub.Core.Statistics;

/// <summary>The number of public entries matching some filters, and the counts of facet values among them.</summary>
public sealed record FacetCounts(long Total, IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Facets)
{
    /// <summary>The count of one value of one facet (0 when no entry has it).</summary>
    public long Of(string facet, string value) =>
        Facets.TryGetValue(facet, out var values) && values.TryGetValue(value, out var count) ? count : 0;
}

/// <summary>
/// Coverage figures counted by the search engine's facets and nothing else, so every figure equals the total of the
/// search it links to: a cell of "SDG x region" is the count of region values in a search filtered by the SDG, which is
/// the total of <c>/search?sdg=6&amp;region=002</c>. Public entries only, one per entry (the engine shows one version of
/// an entry whatever the reader's language).
/// </summary>
public static class FacetPivot
{
    /// <summary>One facet search: no words, these filters, these facets with all their values, one hit (not read).</summary>
    public static async Task<FacetCounts> CountAsync(ISearchEngine engine, IReadOnlyDictionary<string, IReadOnlyList<string>> filters,
        IReadOnlyList<string> facets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var result = await engine.SearchAsync(new SearchRequest
        {
            Filters = filters,
            Facets = facets,
            FacetLimit = 0,
            FacetChildren = FacetChildren.Selected,
            Sort = SearchSort.Newest,
            PageSize = 1,
            Highlight = false,
            Audience = SearchAudience.Public,
        }, cancellationToken);
        return new FacetCounts(result.Total, result.Facets.ToDictionary(
            f => f.Key,
            f => (IReadOnlyDictionary<string, long>)f.Value.ToDictionary(v => v.Value, v => v.Count, StringComparer.Ordinal),
            StringComparer.Ordinal));
    }

    /// <summary>
    /// One facet search per row value (<paramref name="rowFacet"/> = value), counting <paramref name="columnFacets"/>: the
    /// rows of one or more matrices sharing their row facet (vertical x region and vertical x SDG are one pass).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, FacetCounts>> RowsAsync(ISearchEngine engine, string rowFacet, IEnumerable<string> rowValues,
        IReadOnlyList<string> columnFacets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rowValues);
        var rows = new Dictionary<string, FacetCounts>(StringComparer.Ordinal);
        foreach (var value in rowValues)
        {
            rows[value] = await CountAsync(engine, new Dictionary<string, IReadOnlyList<string>> { [rowFacet] = [value] }, columnFacets, cancellationToken);
        }

        return rows;
    }
}
