using Elastic.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using UseCaseHub.Core.Search;
using HubSearchRequest = UseCaseHub.Core.Search.SearchRequest;

namespace UseCaseHub.Search.Elasticsearch.Tests;

/// <summary>
/// Recorded Elasticsearch 9 bodies (Responses/, sources in Responses/README.md) answered by the client's in-memory
/// transport, read by the engine's own parsing: hits, snippets, facet trees, suggestions and every kind of failure.
/// </summary>
public sealed class ResponseParsingTests
{
    private static ElasticsearchSearchEngine Engine(string? file, int status = 200, Exception? exception = null)
    {
        var body = file is null ? [] : File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Responses", file));
        var headers = new Dictionary<string, IEnumerable<string>> { ["x-elastic-product"] = ["Elasticsearch"] };
        var invoker = new InMemoryRequestInvoker(body, status, exception, "application/json", headers);
        var options = new ElasticsearchOptions { Url = new Uri("http://127.0.0.1:9200"), MaxRetries = 0 };
        return new ElasticsearchSearchEngine(ElasticsearchServiceCollectionExtensions.CreateClient(options, invoker), options, NullLogger<ElasticsearchSearchEngine>.Instance);
    }

    private static readonly HubSearchRequest WaterInKenya = new()
    {
        Query = "water",
        Facets = [Facets.Sdg, Facets.Target, Facets.Region, Facets.Subregion, Facets.Country],
        Filters = new Dictionary<string, IReadOnlyList<string>> { [Facets.Country] = ["ke"], [Facets.Sdg] = ["9"] },
    };

    [Fact]
    public async Task Hits_come_with_their_highlighted_and_escaped_snippets()
    {
        using var engine = Engine("search-facets-highlights.json");

        var result = await engine.SearchAsync(WaterInKenya);

        Assert.Equal(2, result.Total);
        Assert.Equal(["UC-2026-00002", "BP-2026-00001"], result.Hits.Select(h => h.Pid));
        var first = result.Hits[0];
        Assert.Equal(Guid.Parse("0b5c0000-0000-4000-8000-000000000002"), first.Id);
        Assert.Equal("/use-cases/kenya-water", first.Path);
        Assert.Equal(7.25f, first.Score);
        Assert.Equal("Prepaid meters &lt;b&gt;report&lt;&#x2F;b&gt; <mark>water</mark> use.", first.Snippet);
        // No summary fragment: the body's.
        Assert.Equal("Battery-powered <mark>water</mark> meters last ten years.", result.Hits[1].Snippet);
    }

    [Fact]
    public async Task Typed_key_aggregations_become_the_facet_trees_lucene_builds()
    {
        using var engine = Engine("search-facets-highlights.json");

        var result = await engine.SearchAsync(WaterInKenya);

        // Goals in their numbering; a selected value nothing has is still listed (count 0, selected).
        Assert.Equal([("6", 3L, false), ("9", 0L, true), ("11", 1L, false), ("14", 1L, false)], result.Facets[Facets.Sdg].Select(v => (v.Value, v.Count, v.Selected)));
        Assert.Equal(["6.1", "6.b"], result.Facets[Facets.Sdg][0].Children!.Select(c => c.Value));
        Assert.Equal([("6.1", 2L), ("6.b", 1L)], result.Facets[Facets.Target].Select(v => (v.Value, v.Count)));
        // Region > sub-region > country from parent␟child keys; "ke" selects the indexed KE.
        var africa = Assert.Single(result.Facets[Facets.Region]);
        var eastern = Assert.Single(africa.Children!);
        Assert.Equal("014", eastern.Value);
        Assert.Equal([("KE", 2L, true), ("TZ", 1L, false)], eastern.Children!.Select(c => (c.Value, c.Count, c.Selected)));
    }

    [Fact]
    public async Task The_term_suggester_gives_the_correction()
    {
        var client = ElasticsearchServiceCollectionExtensions.CreateClient(new ElasticsearchOptions { Url = new Uri("http://127.0.0.1:9200") },
            new InMemoryRequestInvoker(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Responses", "search-nothing-with-suggestion.json")), 200, null,
                "application/json", new Dictionary<string, IEnumerable<string>> { ["x-elastic-product"] = ["Elasticsearch"] }));
        var response = await client.SearchAsync<EsDocument>(new Elastic.Clients.Elasticsearch.SearchRequest("usecasehub"));

        Assert.Equal(("water", true), ElasticsearchSearchEngine.Correction(response, ["watr"]));
        Assert.Null(ElasticsearchSearchEngine.Correction(response, ["other"]));
    }

    [Fact]
    public async Task Nothing_found_and_nothing_found_for_the_correction_either_is_an_empty_result()
    {
        using var engine = Engine("search-nothing-with-suggestion.json");

        var result = await engine.SearchAsync(new HubSearchRequest { Query = "watr" });

        Assert.Equal(0, result.Total);
        Assert.Empty(result.Hits);
        Assert.Null(result.CorrectedQuery);
    }

    [Fact]
    public async Task A_partial_shard_failure_still_shows_the_hits_of_the_shards_that_answered()
    {
        using var engine = Engine("search-partial-shard-failure.json");

        var result = await engine.SearchAsync(new HubSearchRequest { Query = "water", Highlight = false });

        Assert.Equal(1, result.Total);
        Assert.Equal("Prepaid meters report water use.", Assert.Single(result.Hits).Snippet);
    }

    [Theory]
    [InlineData("error-429-rejected.json", 429)]
    [InlineData("error-503-no-shards.json", 503)]
    public async Task An_overloaded_or_unavailable_cluster_is_search_unavailable(string file, int status)
    {
        using var engine = Engine(file, status);

        var exception = await Assert.ThrowsAsync<SearchUnavailableException>(() => engine.SearchAsync(new HubSearchRequest { Query = "water" }));
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_cluster_is_search_unavailable()
    {
        using var engine = Engine(null, 0, new HttpRequestException("Connection refused (127.0.0.1:9200)"));

        await Assert.ThrowsAsync<SearchUnavailableException>(() => engine.SearchAsync(new HubSearchRequest { Query = "water" }));
        await Assert.ThrowsAsync<SearchUnavailableException>(() => engine.ApplyAsync([], [], "1:0"));
    }

    [Fact]
    public async Task A_rejected_request_is_a_bug_reported_with_the_clusters_reason_not_unavailability()
    {
        using var engine = Engine("error-400-query-shard.json", 400);

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => engine.SearchAsync(new HubSearchRequest { Query = "water" }));
        Assert.Contains("search_phase_execution_exception", exception.Message, StringComparison.Ordinal);
        Assert.Contains("all shards failed", exception.Message, StringComparison.Ordinal);
    }
}
