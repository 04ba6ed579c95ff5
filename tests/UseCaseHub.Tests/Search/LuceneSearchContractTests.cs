using Microsoft.Extensions.Logging.Abstractions;
using UseCaseHub.Core.Search;
using UseCaseHub.Search.Lucene;
using Xunit.Abstractions;

namespace UseCaseHub.Tests.Search;

public sealed class LuceneCorpus : SearchCorpus
{
    protected override ISearchEngine CreateEngine(string folder) => new LuceneSearchEngine(folder, NullLogger<LuceneSearchEngine>.Instance);
}

/// <summary>The search contract on the embedded Lucene.NET engine, over a real index in a temporary folder.</summary>
public sealed class LuceneSearchContractTests(LuceneCorpus corpus) : SearchEngineContract(corpus), IClassFixture<LuceneCorpus>;

/// <summary>The shipped content alone, on Lucene: for the relevance judgements.</summary>
public sealed class LuceneShippedCorpus : SearchCorpus
{
    protected override bool ContractEntries => false;

    protected override ISearchEngine CreateEngine(string folder) => new LuceneSearchEngine(folder, NullLogger<LuceneSearchEngine>.Instance);
}

/// <summary>The relevance judgements on the embedded Lucene.NET engine.</summary>
public sealed class LuceneRelevanceTests(LuceneShippedCorpus corpus, ITestOutputHelper output) : RelevanceContract(corpus, output), IClassFixture<LuceneShippedCorpus>;

/// <summary>Snippets on Lucene are built from offsets stored in the index: a hit's snippet analyses nothing, whatever its language.</summary>
public sealed class LuceneSnippetTests(LuceneCorpus corpus) : IClassFixture<LuceneCorpus>
{
    [Theory]
    [InlineData("عدادات")]
    [InlineData("水表")]
    [InlineData("salinity water")]
    public async Task Highlighting_costs_no_analysis_in_any_script(string query)
    {
        var engine = (LuceneSearchEngine)corpus.Engine;
        var request = new SearchRequest { Query = query, PageSize = 20, Audience = SearchAudience.Public };

        var before = engine.Analyses;
        var plain = await engine.SearchAsync(request with { Highlight = false });
        var withoutSnippets = engine.Analyses - before;
        before = engine.Analyses;
        var highlighted = await engine.SearchAsync(request);
        var withSnippets = engine.Analyses - before;

        Assert.NotEmpty(plain.Hits);
        Assert.Contains(highlighted.Hits, h => h.Snippet.Contains("<mark>", StringComparison.Ordinal));
        Assert.Equal(withoutSnippets, withSnippets);
    }
}

/// <summary>The ranking rules on the embedded Lucene.NET engine.</summary>
public sealed class LuceneRankingTests() : RankingContract(folder => new LuceneSearchEngine(folder, NullLogger<LuceneSearchEngine>.Instance));
