using System.Text.RegularExpressions;
using UseCaseHub.Core.Search;

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

    [ContractTheory]
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
