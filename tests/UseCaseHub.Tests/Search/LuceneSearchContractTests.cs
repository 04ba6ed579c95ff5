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
