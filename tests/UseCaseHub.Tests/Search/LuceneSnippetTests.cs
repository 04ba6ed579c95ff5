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

/// <summary>
/// A snippet from deep in a long body reads only the body's first part (up to the window's end), decoded from UTF-8:
/// the window must come out as a cut of the whole text would, whatever the scripts and surrogate pairs before it.
/// </summary>
public sealed class LuceneBodyWindowTests : IDisposable
{
    private readonly string _folder = UseCaseHub.Testing.TestPaths.NewTemporaryFolder();

    [Theory]
    [InlineData("en", "Gateways relay readings every hour. ", "salinity")]
    [InlineData("zh", "网关每小时转发一次读数。😀𝄞 ", "盐度")]
    [InlineData("ar", "تنقل البوابات القراءات كل ساعة. 😀 ", "الملوحة")]
    public async Task A_match_deep_in_a_long_body_is_shown_marked_with_the_text_around_it_intact(string language, string filler, string word)
    {
        // The word comes after about 9,000 characters of filler (emoji and a musical symbol are surrogate pairs in UTF-16, four bytes in UTF-8).
        var before = string.Concat(Enumerable.Repeat(filler, 9_000 / filler.Length));
        var body = before + word + " " + string.Concat(Enumerable.Repeat(filler, 40));
        using var engine = new LuceneSearchEngine(_folder, Microsoft.Extensions.Logging.Abstractions.NullLogger<LuceneSearchEngine>.Instance);
        await engine.IndexAsync([new SearchDocument
        {
            Id = Guid.NewGuid(), Pid = "UC-2026-00001", Type = "use-case", Slug = "long-body", Title = "Gateways", Summary = "Gateways.",
            Body = body, Language = language, Status = "published", UpdatedAt = DateTimeOffset.UtcNow,
        }]);

        var hit = Assert.Single((await engine.SearchAsync(new SearchRequest { Query = word, Audience = SearchAudience.Public })).Hits);

        Assert.Contains("<mark>", hit.Snippet, StringComparison.Ordinal);
        Assert.StartsWith("…", hit.Snippet, StringComparison.Ordinal);
        Assert.EndsWith("…", hit.Snippet, StringComparison.Ordinal);
        var window = System.Net.WebUtility.HtmlDecode(hit.Snippet.Replace("<mark>", "", StringComparison.Ordinal).Replace("</mark>", "", StringComparison.Ordinal)).Trim('…');
        Assert.Contains(word, window, StringComparison.Ordinal);
        // The window runs on past the word (two thirds of it come after the first match), not cut short at it.
        Assert.Contains(word + " " + filler[..10], window, StringComparison.Ordinal);
        Assert.Contains(window, body, StringComparison.Ordinal);
        Assert.False(char.IsLowSurrogate(window[0]) || char.IsHighSurrogate(window[^1]), "the window splits a surrogate pair");
    }

    public void Dispose() => UseCaseHub.Testing.TestPaths.DeleteTemporaryFolder(_folder);
}
