namespace UseCaseHub.Core.Search;

/// <summary>
/// Counts and pages for callers that join the engine's hits with the store (OData <c>$search</c>, tag pivots): the
/// engine answers how many entries match and which ones are on the page, so no caller has to materialise every
/// matching id to count them.
/// </summary>
public partial interface ISearchEngine
{
    /// <summary>
    /// How many entries the query matches for the audience (one per entry: originals, as <see cref="MatchingIdsAsync"/>),
    /// and the ids of those ranked <see cref="MatchRequest.Skip"/> to <c>Skip + Take</c>, best first. A page deeper
    /// than <see cref="SearchRequest.MaxResultWindow"/> holds no ids; the total is still right.
    /// The default reads the page through <see cref="SearchAsync"/> (engines may answer it more directly).
    /// </summary>
    async Task<MatchPage> MatchingPageAsync(MatchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var filters = request.Type is null
            ? new Dictionary<string, IReadOnlyList<string>>()
            : new Dictionary<string, IReadOnlyList<string>> { [Facets.Type] = [request.Type] };
        var ids = new List<Guid>();
        var skip = Math.Max(0, request.Skip);
        var end = Math.Min((long)skip + Math.Max(0, request.Take), SearchRequest.MaxResultWindow);
        // At least one page is read, even past the window (it then holds no hits): that one still gives the total.
        for (var page = skip / SearchRequest.MaxPageSize; ; page++)
        {
            var result = await SearchAsync(new SearchRequest
            {
                Query = request.Query,
                Filters = filters,
                Audience = request.Audience,
                Highlight = false,
                Page = page + 1,
                PageSize = SearchRequest.MaxPageSize,
                // The ids are joined with the store's entries: a translation's id (shown to a reader of its language,
                // e.g. for an Arabic query) names none, so originals only, as MatchingIdsAsync.
                OriginalsOnly = true,
            }, cancellationToken);
            if (result.CorrectedQuery is not null)
            {
                // A spelling correction is the search page's kindness; a count must be of the query as asked.
                return new MatchPage(0, []);
            }

            var offset = (long)page * SearchRequest.MaxPageSize;
            ids.AddRange(result.Hits.Select((h, i) => (h.Id, Rank: offset + i)).Where(h => h.Rank >= skip && h.Rank < end).Select(h => h.Id));
            if (result.Hits.Count < SearchRequest.MaxPageSize || offset + SearchRequest.MaxPageSize >= end)
            {
                return new MatchPage(result.Total, ids);
            }
        }
    }
}

/// <summary>
/// A count-and-page request: <paramref name="Type"/> is a <see cref="SearchTypes"/> value to keep one kind of entry, or
/// null for both.
/// </summary>
public sealed record MatchRequest(string Query, SearchAudience Audience, string? Type, int Skip, int Take);

/// <summary>How many entries match, and the ids of the requested page in rank order.</summary>
public sealed record MatchPage(long Total, IReadOnlyList<Guid> Ids);
