using System.Net;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport.Products.Elasticsearch;
using Microsoft.Extensions.Logging;
using UseCaseHub.Core.Search;
using EsSearchRequest = Elastic.Clients.Elasticsearch.SearchRequest;
using HubSearchRequest = UseCaseHub.Core.Search.SearchRequest;

namespace UseCaseHub.Search.Elasticsearch;

/// <summary>
/// <see cref="ISearchEngine"/> on Elasticsearch 9: searches read an alias over versioned indexes (a rebuild fills a new
/// version and swaps the alias atomically); the store fingerprint is kept in a small state index. An unreachable,
/// overloaded or timing-out cluster (after the transport's retries) is a <see cref="SearchUnavailableException"/>.
/// </summary>
public sealed class ElasticsearchSearchEngine : ISearchEngine, IDisposable
{
    public const string EngineName = "Elasticsearch";

    private readonly ElasticsearchClient _client;
    private readonly ElasticsearchOptions _options;
    private readonly ILogger _logger;
    private readonly EsRequests _requests;
    private readonly SemaphoreSlim _templateGate = new(1, 1);
    private bool _templateReady;

    public ElasticsearchSearchEngine(ElasticsearchClient client, ElasticsearchOptions options, ILogger<ElasticsearchSearchEngine> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _options = options;
        _logger = logger;
        _requests = new EsRequests(options.IndexPrefix);
    }

    public string Name => EngineName;

    internal EsRequests Requests => _requests;

    public async Task<SearchResult> SearchAsync(HubSearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parsed = EsQuery.Parse(request.Query);
        var response = await SendSearchAsync(_requests.Search(request, parsed), cancellationToken);
        var result = Result(response, request);
        if (result.Total > 0 || parsed.Words.Count == 0 || Correction(response, parsed.Words) is not { } correction)
        {
            return result;
        }

        // As on Lucene: a confident correction of plain words is searched at once; otherwise it is offered, and only
        // when it finds something this audience may see with the same filters.
        if (correction.Confident && IsPlainWords(request.Query))
        {
            var correctedRequest = request with { Query = correction.Text };
            var corrected = Result(await SendSearchAsync(_requests.Search(correctedRequest, EsQuery.Parse(correction.Text)), cancellationToken), correctedRequest);
            return corrected.Total > 0 ? corrected with { CorrectedQuery = correction.Text } : result;
        }

        var probe = await SendSearchAsync(_requests.Probe(request with { Query = correction.Text }, EsQuery.Parse(correction.Text)), cancellationToken);
        return probe.Total > 0 ? result with { DidYouMean = correction.Text } : result;
    }

    private static bool IsPlainWords(string? query) =>
        (query ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).All(w => w != "OR" && w.All(char.IsLetterOrDigit));

    /// <summary>The term suggester's best option per misspelt word; confident when every corrected word is one edit-like step away.</summary>
    internal static (string Text, bool Confident)? Correction(SearchResponse<EsDocument> response, IReadOnlyList<string> words)
    {
        var suggestions = response.Suggest?.GetTerm(EsRequests.DidYouMean);
        if (suggestions is null)
        {
            return null;
        }

        var corrected = words.ToList();
        var changed = false;
        var confident = true;
        foreach (var suggestion in suggestions)
        {
            var best = suggestion.Options?.OrderByDescending(o => o.Score).FirstOrDefault();
            var index = corrected.FindIndex(w => string.Equals(w, suggestion.Text, StringComparison.OrdinalIgnoreCase));
            if (best is null || index < 0)
            {
                continue;
            }

            corrected[index] = best.Text;
            changed = true;
            confident &= best.Score >= 0.75;
        }

        return changed ? (string.Join(' ', corrected), confident) : null;
    }

    internal static SearchResult Result(SearchResponse<EsDocument> response, HubSearchRequest request) => new()
    {
        Total = response.HitsMetadata?.Total?.Match(total => total?.Value ?? 0, count => count) ?? 0,
        Hits = response.Hits.Select(Hit).ToList(),
        Facets = EsFacets.Build(response.Aggregations, request.Facets, EsRequests.Selection(request), request.FacetLimit, request.FacetChildren),
    };

    /// <summary>
    /// A hit with its snippet: the summary's highlighted fragment, else the body's, else the summary escaped and cut (as
    /// the Lucene engine's Snippets.Plain). The highlighter's HTML encoder has escaped the text around the marks.
    /// </summary>
    internal static SearchHit Hit(Elastic.Clients.Elasticsearch.Core.Search.Hit<EsDocument> hit)
    {
        var source = hit.Source ?? new EsDocument();
        var highlights = hit.Highlight ?? new Dictionary<string, IReadOnlyCollection<string>>();
        var snippet = Fragment(highlights, EsFields.SummarySection) ?? Fragment(highlights, EsFields.BodySection) ?? Plain(source.Summary);
        var id = Guid.TryParse(source.Id, out var parsed) ? parsed : Guid.TryParse(hit.Id, out parsed) ? parsed : Guid.Empty;
        return new SearchHit(id, source.Pid, source.Type, source.Slug, source.Title, snippet, (float)(hit.Score ?? 0));
    }

    private static string? Fragment(IReadOnlyDictionary<string, IReadOnlyCollection<string>> highlights, string section) =>
        highlights.Where(h => h.Key.StartsWith($"{EsFields.TextsObject}.{section}_", StringComparison.Ordinal))
            .SelectMany(h => h.Value).FirstOrDefault();

    internal static string Plain(string summary) =>
        WebUtility.HtmlEncode(summary.Length > EsRequests.SnippetLength ? summary[..EsRequests.SnippetLength] + "…" : summary);

    public async Task<IReadOnlyList<Guid>> MatchingIdsAsync(string query, SearchAudience audience, int max, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audience);
        if (max <= 0)
        {
            return [];
        }

        return Ids(await SendSearchAsync(_requests.MatchingIds(query ?? "", audience, max), cancellationToken));
    }

    /// <summary>The count and one page of <see cref="MatchingIdsAsync"/> in one request (originals only, as the store joins them).</summary>
    public async Task<MatchPage> MatchingPageAsync(MatchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Audience);
        var response = await SendSearchAsync(_requests.MatchingPage(request), cancellationToken);
        var total = response.HitsMetadata?.Total?.Match(total => total?.Value ?? 0, count => count) ?? 0;
        return new MatchPage(total, Ids(response));
    }

    private static List<Guid> Ids(SearchResponse<EsDocument> response) =>
        response.Hits.Select(h => Guid.TryParse(h.Id, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();

    public async Task<IReadOnlyList<Suggestion>> SuggestAsync(string prefix, SearchAudience audience, int max = 8, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audience);
        if (string.IsNullOrWhiteSpace(prefix) || max <= 0)
        {
            return [];
        }

        var tagResponse = await SendSearchAsync(_requests.TagSuggestions(prefix), cancellationToken);
        var tags = TagSuggestions(tagResponse, Math.Max(1, max / 3));
        var titles = max - tags.Count <= 0 ? [] : (await SendSearchAsync(_requests.TitleSuggestions(prefix.Trim(), audience, max - tags.Count), cancellationToken)).Hits
            .Select(h => h.Source).OfType<EsDocument>()
            .Select(d => new Suggestion(d.Title, "title", SearchTypes.PathOf(d.Type, d.Slug)));
        return tags.Concat(titles).Take(max).ToList();
    }

    internal static List<Suggestion> TagSuggestions(SearchResponse<EsDocument> response, int max) =>
        (response.Aggregations?.GetStringTerms(EsRequests.ValuesAggregation)?.Buckets ?? [])
            .OrderByDescending(b => b.DocCount)
            .Select(b => (b.Key.Value?.ToString() ?? "").Split(EsDocument.Separator))
            .Where(parts => parts.Length == 4)
            .Select(parts => new Suggestion(parts[1], parts[2], $"/search?{parts[2]}={Uri.EscapeDataString(parts[3])}"))
            .DistinctBy(s => s.Url).Take(max).ToList();

    public async Task<IReadOnlyList<SearchHit>> SimilarAsync(Guid id, SearchAudience audience, int max = 5, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audience);
        return max <= 0 ? [] : (await SendSearchAsync(_requests.Similar(id, audience, max), cancellationToken)).Hits.Select(Hit).ToList();
    }

    public async Task<IReadOnlyList<SearchHit>> SimilarToTextAsync(string text, string language, SearchAudience audience, int max = 5,
        Guid? exclude = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audience);
        if (string.IsNullOrWhiteSpace(text) || max <= 0)
        {
            return [];
        }

        return (await SendSearchAsync(_requests.SimilarToText(text, audience, max, exclude), cancellationToken)).Hits.Select(Hit).ToList();
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        var response = await _client.CountAsync(new CountRequest(_requests.Alias) { IgnoreUnavailable = true, AllowNoIndices = true }, cancellationToken);
        Check(response, "count");
        return response.Count;
    }

    public async Task<SearchIndexState> StateAsync(CancellationToken cancellationToken = default)
    {
        var alias = await _client.Indices.ExistsAliasAsync(new Elastic.Clients.Elasticsearch.IndexManagement.ExistsAliasRequest(_requests.Alias), cancellationToken);
        if (alias.ApiCallDetails.HttpStatusCode == 404)
        {
            return new SearchIndexState(null, Recreated: true);
        }

        Check(alias, "alias check");
        var state = await _client.GetAsync<EsState>(new GetRequest(_requests.StateIndex, EsRequests.StateId), cancellationToken);
        if (state.ApiCallDetails.HttpStatusCode == 404)
        {
            return new SearchIndexState(null, Recreated: false);
        }

        Check(state, "state read");
        return new SearchIndexState(state.Source?.Fingerprint, Recreated: false);
    }

    public async Task IndexAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        await EnsureIndexAsync(cancellationToken);
        await BulkAsync(EsRequests.Bulk(_requests.Alias, documents, [], waitForRefresh: true), cancellationToken);
    }

    public async Task RemoveAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return;
        }

        await EnsureIndexAsync(cancellationToken);
        await BulkAsync(EsRequests.Bulk(_requests.Alias, [], ids, waitForRefresh: true), cancellationToken);
        Check(await _client.DeleteByQueryAsync(_requests.RemoveTranslations(ids), cancellationToken), "translation removal");
    }

    public async Task ApplyAsync(IReadOnlyCollection<SearchDocument> documents, IReadOnlyCollection<Guid> removed, string fingerprint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(removed);
        await EnsureIndexAsync(cancellationToken);
        if (documents.Count > 0 || removed.Count > 0)
        {
            await BulkAsync(EsRequests.Bulk(_requests.Alias, documents, removed, waitForRefresh: true), cancellationToken);
        }

        if (removed.Count > 0)
        {
            Check(await _client.DeleteByQueryAsync(_requests.RemoveTranslations(removed), cancellationToken), "translation removal");
        }

        // The fingerprint last: if anything above failed, the outbox keeps its rows and the state stays behind.
        Check(await _client.IndexAsync(_requests.State(fingerprint, null), cancellationToken), "state write");
    }

    public async Task RebuildAsync(IAsyncEnumerable<SearchDocument> documents, string fingerprint, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        await PutTemplateAsync(cancellationToken);
        var index = _requests.NewVersion(DateTimeOffset.UtcNow);
        Check(await _client.Indices.CreateAsync(EsRequests.CreateVersion(index), cancellationToken), "index creation");
        var swapped = false;
        try
        {
            var batch = new List<SearchDocument>(_options.BulkSize);
            var done = 0;
            await foreach (var document in documents.WithCancellation(cancellationToken))
            {
                batch.Add(document);
                if (batch.Count == _options.BulkSize)
                {
                    await BulkAsync(EsRequests.Bulk(index, batch, [], waitForRefresh: false), cancellationToken);
                    done += batch.Count;
                    progress?.Report(done);
                    batch.Clear();
                }
            }

            await BulkAsync(EsRequests.Bulk(index, batch, [], waitForRefresh: true), cancellationToken);
            done += batch.Count;
            progress?.Report(done);
            var old = await VersionsAsync(cancellationToken);
            Check(await _client.Indices.UpdateAliasesAsync(_requests.SwapAlias(index, old), cancellationToken), "alias swap");
            swapped = true;
            Check(await _client.IndexAsync(_requests.State(fingerprint, index), cancellationToken), "state write");
            _logger.LogInformation("Elasticsearch index {Index} built with {Count} documents and now behind alias {Alias}", index, done, _requests.Alias);
        }
        catch when (!swapped)
        {
            // After the swap the new version is the only one behind the alias: a failed state write leaves it there (the
            // fingerprint stays behind, so the next start rebuilds), it is never deleted.
            // A half-built version is never searched (the alias did not move): drop it rather than leave it behind.
            await _client.Indices.DeleteAsync(index, CancellationToken.None);
            throw;
        }
    }

    /// <summary>The indexes behind the alias now (deleted by the swap); none the first time.</summary>
    private async Task<List<string>> VersionsAsync(CancellationToken cancellationToken)
    {
        var response = await _client.Indices.GetAliasAsync(new Elastic.Clients.Elasticsearch.IndexManagement.GetAliasRequest((Names)_requests.Alias), cancellationToken);
        if (response.ApiCallDetails.HttpStatusCode == 404)
        {
            return [];
        }

        Check(response, "alias read");
        return (response.Aliases?.Keys ?? []).Select(k => k.ToString()).ToList();
    }

    /// <summary>The first write on a cluster with no index yet builds an empty version behind the alias.</summary>
    private async Task EnsureIndexAsync(CancellationToken cancellationToken)
    {
        if ((await StateAsync(cancellationToken)).Recreated)
        {
            await RebuildAsync(AsyncEnumerable.Empty<SearchDocument>(), "", null, cancellationToken);
        }
    }

    private async Task PutTemplateAsync(CancellationToken cancellationToken)
    {
        await _templateGate.WaitAsync(cancellationToken);
        try
        {
            if (!_templateReady)
            {
                Check(await _client.Indices.PutIndexTemplateAsync(EsIndexTemplate.Create(_requests.Alias, _options.ChineseAnalyzer), cancellationToken), "index template");
                _templateReady = true;
            }
        }
        finally
        {
            _templateGate.Release();
        }
    }

    private async Task BulkAsync(BulkRequest bulk, CancellationToken cancellationToken)
    {
        if (bulk.Operations is not { Count: > 0 })
        {
            return;
        }

        var response = await _client.BulkAsync(bulk, cancellationToken);
        Check(response, "bulk");
        // A document deleted that was never indexed is a 404 item: not a failure.
        var failed = response.ItemsWithErrors.Where(i => i.Status != 404).ToList();
        if (failed.Count > 0)
        {
            if (failed.Exists(i => i.Status is 429 or >= 500))
            {
                throw new SearchUnavailableException($"Elasticsearch refused {failed.Count} bulk items (status {failed[0].Status}); they stay in the outbox.");
            }

            throw new InvalidOperationException($"Elasticsearch rejected {failed.Count} documents: {failed[0].Error?.Type}: {failed[0].Error?.Reason}");
        }
    }

    private async Task<SearchResponse<EsDocument>> SendSearchAsync(EsSearchRequest request, CancellationToken cancellationToken)
    {
        var response = await _client.SearchAsync<EsDocument>(request, cancellationToken);
        Check(response, "search");
        if (response.Shards is { Failed: > 0 } shards)
        {
            // Partial results beat none: the hits of the shards that answered are shown, the failure logged.
            _logger.LogWarning("Elasticsearch search answered from {Successful} of {Total} shards; {Failed} failed: {Reason}",
                shards.Successful, shards.Total, shards.Failed, shards.Failures?.FirstOrDefault()?.Reason?.Reason);
        }

        return response;
    }

    /// <summary>
    /// A response the transport gave up on (no answer, timeout, 429, 5xx after its retries) is "search unavailable"; any
    /// other error is a bug in a request this engine built, reported as such.
    /// </summary>
    internal static void Check(ElasticsearchResponse response, string what)
    {
        if (response.IsValidResponse)
        {
            return;
        }

        var status = response.ApiCallDetails.HttpStatusCode;
        var reason = response.ElasticsearchServerError?.Error?.Reason ?? response.ApiCallDetails.OriginalException?.Message ?? "no answer";
        // No status (or the transport's 0) means no answer at all: refused, reset, timed out.
        if (status is null or 0 or 408 or 429 or >= 500)
        {
            throw new SearchUnavailableException($"Elasticsearch {what} failed ({(status is null or 0 ? "unreachable" : $"status {status}")}): {reason}",
                response.ApiCallDetails.OriginalException);
        }

        throw new InvalidOperationException($"Elasticsearch {what} failed (status {status}, {response.ElasticsearchServerError?.Error?.Type}): {reason}");
    }

    public void Dispose() => _templateGate.Dispose();
}
