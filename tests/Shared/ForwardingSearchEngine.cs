using UseCaseHub.Core.Search;

namespace UseCaseHub.Testing;

/// <summary>
/// An engine that passes every call to another, except <see cref="ISearchEngine.MatchingPageAsync"/>, which it leaves to
/// the interface's default (read through <see cref="SearchAsync"/>): so a contract can hold the default to the same rules
/// as an engine's own, and a test can override one member to fake an answer or a failure.
/// </summary>
internal class ForwardingSearchEngine(ISearchEngine? inner = null) : ISearchEngine
{
    private ISearchEngine Inner => inner ?? throw new InvalidOperationException("This test engine forwards nothing.");

    public virtual string Name => inner?.Name ?? "Forwarding";

    public virtual Task IndexAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken cancellationToken = default) =>
        Inner.IndexAsync(documents, cancellationToken);

    public virtual Task RemoveAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default) => Inner.RemoveAsync(ids, cancellationToken);

    public virtual Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default) =>
        Inner.SearchAsync(request, cancellationToken);

    public virtual Task<IReadOnlyList<Guid>> MatchingIdsAsync(string query, SearchAudience audience, int max, CancellationToken cancellationToken = default) =>
        Inner.MatchingIdsAsync(query, audience, max, cancellationToken);

    public virtual Task<IReadOnlyList<Suggestion>> SuggestAsync(string prefix, SearchAudience audience, int max = 8, CancellationToken cancellationToken = default) =>
        Inner.SuggestAsync(prefix, audience, max, cancellationToken);

    public virtual Task<IReadOnlyList<SearchHit>> SimilarAsync(Guid id, SearchAudience audience, int max = 5, CancellationToken cancellationToken = default) =>
        Inner.SimilarAsync(id, audience, max, cancellationToken);

    public virtual Task<IReadOnlyList<SearchHit>> SimilarToTextAsync(string text, string language, SearchAudience audience, int max = 5,
        Guid? exclude = null, CancellationToken cancellationToken = default) =>
        Inner.SimilarToTextAsync(text, language, audience, max, exclude, cancellationToken);

    public virtual Task<long> CountAsync(CancellationToken cancellationToken = default) => Inner.CountAsync(cancellationToken);

    public virtual Task<SearchIndexState> StateAsync(CancellationToken cancellationToken = default) => Inner.StateAsync(cancellationToken);

    public virtual Task RebuildAsync(IAsyncEnumerable<SearchDocument> documents, string fingerprint, IProgress<int>? progress = null,
        CancellationToken cancellationToken = default) => Inner.RebuildAsync(documents, fingerprint, progress, cancellationToken);

    public virtual Task ApplyAsync(IReadOnlyCollection<SearchDocument> documents, IReadOnlyCollection<Guid> removed, string fingerprint,
        CancellationToken cancellationToken = default) => Inner.ApplyAsync(documents, removed, fingerprint, cancellationToken);
}
