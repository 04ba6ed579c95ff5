using System.Diagnostics;
using UseCaseHub.Core.Telemetry;

namespace UseCaseHub.Core.Search;

/// <summary>
/// Times every call to the chosen engine into <see cref="HubTelemetry"/> (a histogram and a span), whatever the engine:
/// the host wraps the engine once, so no engine measures itself.
/// </summary>
public sealed class MeasuredSearchEngine(ISearchEngine inner) : ISearchEngine, IAsyncDisposable, IDisposable
{
    /// <summary>The engine being measured (for tools that need an engine's own diagnostics).</summary>
    public ISearchEngine Inner { get; } = inner;

    public string Name => Inner.Name;

    // Every member forwarded, default ones included: a default left to the interface would hide the engine's own
    // (Lucene's local folder, its direct count-and-page). MeasuredSearchEngineTests checks none is left out.
    public string? LocalIndex => Inner.LocalIndex;

    public Task<MatchPage> MatchingPageAsync(MatchRequest request, CancellationToken cancellationToken = default) =>
        MeasureAsync("matching_page", () => Inner.MatchingPageAsync(request, cancellationToken));

    public Task IndexAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken cancellationToken = default) =>
        MeasureAsync("index", () => Inner.IndexAsync(documents, cancellationToken));

    public Task RemoveAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default) =>
        MeasureAsync("remove", () => Inner.RemoveAsync(ids, cancellationToken));

    public Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default) =>
        MeasureAsync("search", () => Inner.SearchAsync(request, cancellationToken));

    public Task<IReadOnlyList<Guid>> MatchingIdsAsync(string query, SearchAudience audience, int max, CancellationToken cancellationToken = default) =>
        MeasureAsync("matching_ids", () => Inner.MatchingIdsAsync(query, audience, max, cancellationToken));

    public Task<IReadOnlyList<Suggestion>> SuggestAsync(string prefix, SearchAudience audience, int max = 8, CancellationToken cancellationToken = default) =>
        MeasureAsync("suggest", () => Inner.SuggestAsync(prefix, audience, max, cancellationToken));

    public Task<IReadOnlyList<SearchHit>> SimilarAsync(Guid id, SearchAudience audience, int max = 5, CancellationToken cancellationToken = default) =>
        MeasureAsync("similar", () => Inner.SimilarAsync(id, audience, max, cancellationToken));

    public Task<IReadOnlyList<SearchHit>> SimilarToTextAsync(string text, string language, SearchAudience audience, int max = 5,
        Guid? exclude = null, CancellationToken cancellationToken = default) =>
        MeasureAsync("similar_text", () => Inner.SimilarToTextAsync(text, language, audience, max, exclude, cancellationToken));

    public Task<long> CountAsync(CancellationToken cancellationToken = default) =>
        MeasureAsync("count", () => Inner.CountAsync(cancellationToken));

    public Task<SearchIndexState> StateAsync(CancellationToken cancellationToken = default) =>
        MeasureAsync("state", () => Inner.StateAsync(cancellationToken));

    public Task RebuildAsync(IAsyncEnumerable<SearchDocument> documents, string fingerprint, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        MeasureAsync("rebuild", () => Inner.RebuildAsync(documents, fingerprint, progress, cancellationToken));

    public Task ApplyAsync(IReadOnlyCollection<SearchDocument> documents, IReadOnlyCollection<Guid> removed, string fingerprint, CancellationToken cancellationToken = default) =>
        MeasureAsync("apply", () => Inner.ApplyAsync(documents, removed, fingerprint, cancellationToken));

    // The container disposes this wrapper, not the engine it wraps: the engine's files and locks are released here.
    public void Dispose() => (Inner as IDisposable)?.Dispose();

    public ValueTask DisposeAsync()
    {
        if (Inner is IAsyncDisposable asynchronous)
        {
            return asynchronous.DisposeAsync();
        }

        Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task MeasureAsync(string operation, Func<Task> call) =>
        await MeasureAsync(operation, async () =>
        {
            await call();
            return true;
        });

    private async Task<T> MeasureAsync<T>(string operation, Func<Task<T>> call)
    {
        var tags = new TagList { { "engine", Inner.Name }, { "operation", operation } };
        using var activity = HubTelemetry.Activities.StartActivity($"search {operation}", ActivityKind.Internal);
        activity?.SetTag("search.engine", Inner.Name);
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await call();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A caller that gave up (a closed connection, a shutdown) is not an engine failure: it would page someone.
            HubTelemetry.SearchFailures.Add(1, tags);
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }
        finally
        {
            HubTelemetry.SearchDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    }
}
