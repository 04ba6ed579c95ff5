namespace UseCaseHub.Core.Search;

/// <summary>
/// The one search abstraction every engine implements (Lucene.NET embedded, Elasticsearch for scale).
/// Engines register by name (<c>Search:Engine</c>) and must pass the same contract test suite.
/// </summary>
public partial interface ISearchEngine
{
    /// <summary>The configuration name of the engine, e.g. <c>Lucene</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Where this engine's index lives when each host keeps its own (Lucene: the folder), or null when all hosts share
    /// one (Elasticsearch). A shared index is fed by one host at a time under a lease; a local one follows the outbox itself.
    /// </summary>
    string? LocalIndex => null;

    /// <summary>Adds or replaces documents, keyed by <see cref="SearchDocument.Id"/>.</summary>
    Task IndexAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken cancellationToken = default);

    /// <summary>Removes documents by entry id; unknown ids are ignored.</summary>
    Task RemoveAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default);

    /// <summary>Full-text search with filters, facet counts, highlights, sort and paging.</summary>
    Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// The ids of up to <paramref name="max"/> entries the query matches for the audience, best first,
    /// without snippets or facets: for callers that join the hits with the store (OData <c>$search</c>).
    /// </summary>
    Task<IReadOnlyList<Guid>> MatchingIdsAsync(string query, SearchAudience audience, int max, CancellationToken cancellationToken = default);

    /// <summary>Autocomplete suggestions (titles and tags) for what a person has typed so far.</summary>
    Task<IReadOnlyList<Suggestion>> SuggestAsync(string prefix, SearchAudience audience, int max = 8, CancellationToken cancellationToken = default);

    /// <summary>Entries like the given one (more-like-this), never the entry itself.</summary>
    Task<IReadOnlyList<SearchHit>> SimilarAsync(Guid id, SearchAudience audience, int max = 5, CancellationToken cancellationToken = default);

    /// <summary>
    /// Entries like a text not (yet) in the index, e.g. a draft's title and summary on the submission form, so a
    /// duplicate is caught before it is submitted; <paramref name="exclude"/> (the draft itself) is never returned.
    /// </summary>
    Task<IReadOnlyList<SearchHit>> SimilarToTextAsync(string text, string language, SearchAudience audience, int max = 5,
        Guid? exclude = null, CancellationToken cancellationToken = default);

    /// <summary>How many documents the index holds (all statuses).</summary>
    Task<long> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>Count, the store fingerprint last recorded, and whether the index had to be created afresh (missing or corrupt).</summary>
    Task<SearchIndexState> StateAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the whole index with <paramref name="documents"/>; searches see the old index until it is done.</summary>
    Task RebuildAsync(IAsyncEnumerable<SearchDocument> documents, string fingerprint, IProgress<int>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds or replaces <paramref name="documents"/>, removes <paramref name="removed"/> and records that the index now
    /// reflects the store state <paramref name="fingerprint"/>, as one write (the indexer's batches: one commit each).
    /// </summary>
    Task ApplyAsync(IReadOnlyCollection<SearchDocument> documents, IReadOnlyCollection<Guid> removed, string fingerprint, CancellationToken cancellationToken = default);
}
