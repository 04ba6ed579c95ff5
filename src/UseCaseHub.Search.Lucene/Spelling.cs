using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace UseCaseHub.Search.Lucene;

/// <summary>
/// "Did you mean": each word the index does not know is replaced by the most frequent indexed word
/// within two edits (from the words of titles, summaries and tags). Lucene.Net.Suggest is not in our feed.
/// It runs only when a search found nothing: its cost (one automaton walk of the words' terms per unknown word, about
/// as much as a prefix query) is never paid by a search that finds something.
/// </summary>
internal static class Spelling
{
    /// <summary>A corrected query; confident when every changed word is one edit away, or two for a word of eight letters or more.</summary>
    public sealed record Correction(string Text, bool Confident);

    /// <summary>
    /// Corrections per point-in-time reader (1,024 word lists each): a correction depends only on the words and the
    /// reader's terms. A reader paging through an empty result, or many readers making the same slip, pay the automaton
    /// walk once.
    /// </summary>
    private static readonly PerReaderCache<Correction?> Cached = new(1024);

    public static Correction? Correct(IndexReader reader, IReadOnlyList<string> words) =>
        Cached.GetOrAdd(reader, CacheKey.AppendParts(new StringBuilder(), words).ToString(), () => Uncached(reader, words));

    private static Correction? Uncached(IndexReader reader, IReadOnlyList<string> words)
    {
        var terms = MultiFields.GetTerms(reader, LuceneFields.Words);
        if (terms is null || words.Count == 0)
        {
            return null;
        }

        var changed = false;
        var confident = true;
        var corrected = new List<string>();
        foreach (var word in words)
        {
            var term = new Term(LuceneFields.Words, word);
            if (word.Length < 3 || reader.DocFreq(term) > 0)
            {
                corrected.Add(word);
                continue;
            }

            var best = Closest(terms, term);
            changed |= best is not null;
            confident &= best is null || Distance(word, best) <= (word.Length >= 8 ? 2 : 1);
            corrected.Add(best ?? word);
        }

        return changed ? new Correction(string.Join(' ', corrected), confident) : null;
    }

    private static string? Closest(Terms terms, Term term)
    {
        var candidates = new FuzzyTermsEnum(terms, new AttributeSource(), term, term.Text.Length > 5 ? 2 : 1, 1, true);
        string? best = null;
        var bestDistance = int.MaxValue;
        var bestFrequency = 0;
        while (candidates.MoveNext())
        {
            var candidate = candidates.Term.Utf8ToString();
            var distance = Distance(term.Text, candidate);
            var frequency = candidates.DocFreq;
            if (distance < bestDistance || (distance == bestDistance && frequency > bestFrequency))
            {
                (best, bestDistance, bestFrequency) = (candidate, distance, frequency);
            }
        }

        return best;
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
