using Microsoft.Extensions.Logging.Abstractions;
using UseCaseHub.Core.Search;
using UseCaseHub.Search.Lucene;

namespace UseCaseHub.Tests.Search;

public sealed class LuceneCorpus : SearchCorpus
{
    protected override ISearchEngine CreateEngine(string folder) => new LuceneSearchEngine(folder, NullLogger<LuceneSearchEngine>.Instance);
}

/// <summary>The search contract on the embedded Lucene.NET engine, over a real index in a temporary folder.</summary>
public sealed class LuceneSearchContractTests(LuceneCorpus corpus) : SearchEngineContract(corpus), IClassFixture<LuceneCorpus>;
