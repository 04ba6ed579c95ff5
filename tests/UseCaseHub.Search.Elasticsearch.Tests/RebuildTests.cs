using System.Text;
using Elastic.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Search.Elasticsearch.Tests;

/// <summary>
/// What a rebuild leaves behind when a step fails, against the client's in-memory transport answering each request by
/// its path: a version the alias never reached is dropped; the one the alias already reads is never deleted.
/// </summary>
public sealed class RebuildTests
{
    /// <summary>Answers every request with success, except those whose path contains <c>failing</c> (a 500), and records them.</summary>
    private sealed class ScriptedInvoker(string failing) : InMemoryRequestInvoker([], 200, null, "application/json", Headers), IRequestInvoker
    {
        private static readonly Dictionary<string, IEnumerable<string>> Headers = new() { ["x-elastic-product"] = ["Elasticsearch"] };

        public List<(Elastic.Transport.HttpMethod Method, string Path)> Requests { get; } = [];

        Task<TResponse> IRequestInvoker.RequestAsync<TResponse>(Endpoint endpoint, BoundConfiguration boundConfiguration, PostData? postData, CancellationToken cancellationToken)
        {
            var path = endpoint.Uri.AbsolutePath;
            lock (Requests)
            {
                Requests.Add((endpoint.Method, path));
            }

            var (status, json) = path.Contains(failing, StringComparison.Ordinal)
                ? (500, """{"error":{"type":"exception","reason":"the disk is full"},"status":500}""")
                : path.StartsWith("/_alias/", StringComparison.Ordinal)
                    ? (200, """{"usecasehub-20260101000000000":{"aliases":{"usecasehub":{}}}}""")
                    : (200, """{"acknowledged":true}""");
            return BuildResponseAsync<TResponse>(endpoint, boundConfiguration, postData, cancellationToken, Encoding.UTF8.GetBytes(json), status, "application/json");
        }
    }

    private static async Task<List<(Elastic.Transport.HttpMethod Method, string Path)>> RebuildFailingAtAsync(string failing)
    {
        var invoker = new ScriptedInvoker(failing);
        var options = new ElasticsearchOptions { Url = new Uri("http://127.0.0.1:9200"), MaxRetries = 0 };
        using var engine = new ElasticsearchSearchEngine(ElasticsearchServiceCollectionExtensions.CreateClient(options, invoker), options, NullLogger<ElasticsearchSearchEngine>.Instance);

        await Assert.ThrowsAsync<SearchUnavailableException>(() => engine.RebuildAsync(AsyncEnumerable.Empty<SearchDocument>(), "fingerprint"));
        return invoker.Requests;
    }

    [Fact]
    public async Task A_failed_state_write_after_the_swap_keeps_the_new_version_the_alias_reads()
    {
        var requests = await RebuildFailingAtAsync("/usecasehub-meta/");

        // The swap happened (the alias now reads only the new version): deleting it would leave the alias on nothing.
        Assert.Contains(requests, r => r is { Method: Elastic.Transport.HttpMethod.POST, Path: "/_aliases" });
        Assert.DoesNotContain(requests, r => r.Method == Elastic.Transport.HttpMethod.DELETE);
    }

    [Fact]
    public async Task A_failed_alias_swap_drops_the_half_built_version()
    {
        var requests = await RebuildFailingAtAsync("/_aliases");

        var created = Assert.Single(requests, r => r.Method == Elastic.Transport.HttpMethod.PUT && r.Path.StartsWith("/usecasehub-2", StringComparison.Ordinal));
        Assert.Equal((Elastic.Transport.HttpMethod.DELETE, created.Path), Assert.Single(requests, r => r.Method == Elastic.Transport.HttpMethod.DELETE));
        Assert.DoesNotContain(requests, r => r.Path.StartsWith("/usecasehub-meta/", StringComparison.Ordinal));
    }
}
