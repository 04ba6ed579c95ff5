using Microsoft.Extensions.Logging.Abstractions;
using UseCaseHub.Core.Search;
using UseCaseHub.Search.Elasticsearch;
using UseCaseHub.Testing;
using Xunit.Abstractions;

// Without a live cluster, every contract test in this assembly is reported as skipped (never as passed).
[assembly: UseCaseHub.Tests.Search.SearchContractRequires(UseCaseHub.Tests.Search.LiveCluster.Variable)]

namespace UseCaseHub.Tests.Search;

/// <summary>The live cluster the contract runs against: <c>ELASTICSEARCH_URL</c> (and <c>ELASTICSEARCH_API_KEY</c> if it needs one).</summary>
public static class LiveCluster
{
    public const string Variable = "ELASTICSEARCH_URL";

    public static Uri? Url => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } url ? new Uri(url) : null;

    /// <summary>An engine over its own index prefix (one per corpus or test), so runs never meet.</summary>
    public static ISearchEngine Engine(string folder)
    {
        var options = new ElasticsearchOptions
        {
            Url = Url ?? new Uri("http://127.0.0.1:9"),
            ApiKey = Environment.GetEnvironmentVariable("ELASTICSEARCH_API_KEY"),
            IndexPrefix = "uch-test-" + new string(Path.GetFileName(folder).ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray()),
        };
        return new ElasticsearchSearchEngine(ElasticsearchServiceCollectionExtensions.CreateClient(options), options, NullLogger<ElasticsearchSearchEngine>.Instance);
    }
}

/// <summary>The contract corpus on the live cluster.</summary>
public sealed class ElasticsearchCorpus : SearchCorpus
{
    protected override ISearchEngine CreateEngine(string folder) => LiveCluster.Engine(folder);
}

/// <summary>The shipped content alone on the live cluster (relevance and snippets).</summary>
public sealed class ElasticsearchShippedCorpus : SearchCorpus
{
    protected override bool ContractEntries => false;

    protected override ISearchEngine CreateEngine(string folder) => LiveCluster.Engine(folder);
}

/// <summary>A corpus built only when a cluster is there: skipped tests need no store either.</summary>
public class LiveFixture<TCorpus> : IAsyncLifetime
    where TCorpus : SearchCorpus, new()
{
    public TCorpus Corpus { get; } = new();

    public Task InitializeAsync() => LiveCluster.Url is null ? Task.CompletedTask : Corpus.InitializeAsync();

    public Task DisposeAsync()
    {
        if (LiveCluster.Url is not null)
        {
            return Corpus.DisposeAsync();
        }

        TestPaths.DeleteTemporaryFolder(Corpus.IndexFolder);
        return Task.CompletedTask;
    }
}

public sealed class ElasticsearchCorpusFixture : LiveFixture<ElasticsearchCorpus>;

public sealed class ElasticsearchShippedCorpusFixture : LiveFixture<ElasticsearchShippedCorpus>;

/// <summary>The search contract on Elasticsearch.</summary>
public sealed class ElasticsearchSearchContractTests(ElasticsearchCorpusFixture fixture)
    : SearchEngineContract(fixture.Corpus), IClassFixture<ElasticsearchCorpusFixture>;

/// <summary>The snippet contract on Elasticsearch, over the shipped content alone.</summary>
public sealed class ElasticsearchSnippetContractTests(ElasticsearchShippedCorpusFixture fixture)
    : SnippetContract(fixture.Corpus), IClassFixture<ElasticsearchShippedCorpusFixture>;

/// <summary>The relevance judgements on Elasticsearch.</summary>
public sealed class ElasticsearchRelevanceTests(ElasticsearchShippedCorpusFixture fixture, ITestOutputHelper output)
    : RelevanceContract(fixture.Corpus, output), IClassFixture<ElasticsearchShippedCorpusFixture>;

/// <summary>The ranking rules on Elasticsearch (each test builds its own small index).</summary>
public sealed class ElasticsearchRankingTests() : RankingContract(LiveCluster.Engine);
