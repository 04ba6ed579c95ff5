using System.Text.RegularExpressions;
using UseCaseHub.Core.Search;
using UseCaseHub.Search.Lucene;

namespace UseCaseHub.Tests.Search;

/// <summary>
/// Snippets over the shipped content alone, for every query of the judgement set (six languages, words, topics,
/// places, technologies, standard numbers): every hit on the first page (the site's default size) whose summary or body
/// has one of the query's words as typed shows a marked word. Every engine runs it with a corpus of the shipped content.
/// </summary>
public abstract class SnippetContract(SearchCorpus corpus)
{
    public static TheoryData<string, string> Queries()
    {
        var data = new TheoryData<string, string>();
        foreach (var judged in RelevanceContract.Judgements)
        {
            data.Add(judged.Query, judged.Reader);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Every_top_hit_whose_text_has_a_query_word_shows_a_word_marked(string query, string reader)
    {
        var result = await corpus.Engine.SearchAsync(new SearchRequest { Query = query, Language = reader, Audience = SearchAudience.Public });
        var texts = await corpus.Store.DocumentsAsync(async (db, documents) =>
        {
            var all = new Dictionary<Guid, string>();
            await foreach (var document in documents.AllAsync(db))
            {
                all[document.Id] = document.Summary + "\n" + document.Body;
            }

            return all;
        });
        // A misspelling is searched as its correction: the words the hits have are the corrected ones.
        var words = (result.CorrectedQuery ?? query).Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length > 1 || !char.IsAscii(w[0]))
            // A word ends where a letter or digit of another script-run starts; Han characters border Latin words directly ("5G网络").
            .Select(w => new Regex(Han(w) ? Regex.Escape(w) : $@"(?<![\p{{L}}\p{{N}}-[\u4E00-\u9FFF]]){Regex.Escape(w)}(?![\p{{L}}\p{{N}}-[\u4E00-\u9FFF]])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
            .ToList();

        var withWord = result.Hits.Where(h => words.Any(w => w.IsMatch(texts[h.Id]))).ToList();
        // An empty list would check nothing: every judged query has hits with its words as typed in summary or body, except
        // those listed, whose hits have the words only in their titles or otherwise inflected (matched through stems).
        if (!NotInSummaryOrBody.Contains(query))
        {
            Assert.NotEmpty(withWord);
        }
        Assert.All(withWord, h => Assert.True(h.Snippet.Contains("<mark>", StringComparison.Ordinal), $"{h.Pid}: {h.Snippet}"));
    }

    private static readonly HashSet<string> NotInSummaryOrBody = new(StringComparer.Ordinal) { "дорожного движения" };

    private static bool Han(string word) => word.Any(c => c is >= '\u4E00' and <= '\u9FFF');
}

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
