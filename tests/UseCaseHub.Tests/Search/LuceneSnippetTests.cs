using UseCaseHub.Core.Search;
using UseCaseHub.Search.Lucene;

namespace UseCaseHub.Tests.Search;

/// <summary>The snippet contract on Lucene, over the shipped content alone.</summary>
public sealed class LuceneSnippetContractTests(LuceneShippedCorpus corpus) : SnippetContract(corpus), IClassFixture<LuceneShippedCorpus>;

/// <summary>
/// The cost class of a snippet on Lucene: an Arabic, a Chinese and an English hit cost the same: no analysis, however long
/// their text, and one term seek per query term and segment for the whole page (never per hit). Counted, not timed.
/// </summary>
public sealed class LuceneSnippetCostTests(LuceneShippedCorpus corpus) : IClassFixture<LuceneShippedCorpus>
{
    [Fact]
    public async Task An_arabic_a_chinese_and_an_english_hit_cost_the_same_seeks_and_no_analysis()
    {
        var engine = (LuceneSearchEngine)corpus.Engine;
        var costs = new List<(string Query, long Seeks, int Expected, long Analyses, long BodyReads, int Hits)>();
        foreach (var (query, pid) in new[] { ("عدادات", "UC-2026-00009"), ("水表", "UC-2026-00201"), ("salinity", "UC-2026-00217") })
        {
            var request = new SearchRequest { Query = query, Audience = SearchAudience.Public };
            var before = engine.Analyses;
            await engine.SearchAsync(request with { Highlight = false });
            var withoutSnippets = engine.Analyses - before;
            var seeks = engine.SnippetSeeks;
            var bodies = engine.SnippetBodyReads;
            before = engine.Analyses;
            var result = await engine.SearchAsync(request);
            var analyses = engine.Analyses - before - withoutSnippets;
            seeks = engine.SnippetSeeks - seeks;
            bodies = engine.SnippetBodyReads - bodies;

            var hit = Assert.Single(result.Hits, h => h.Pid == pid);
            Assert.Contains("<mark>", hit.Snippet, StringComparison.Ordinal);
            costs.Add((query, seeks, Terms(engine, query) * engine.Segments, analyses, bodies, result.Hits.Count));
        }

        Assert.All(costs, c => Assert.Equal(0, c.Analyses));
        Assert.All(costs, c => Assert.Equal(c.Expected, c.Seeks));
        Assert.All(costs, c => Assert.InRange(c.BodyReads, 0, c.Hits));
    }

    /// <summary>How many distinct terms the query asks of the text field (every language's form of each word).</summary>
    private static int Terms(LuceneSearchEngine engine, string query) => engine.TextTerms(query);
}
