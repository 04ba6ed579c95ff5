using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace UseCaseHub.Search.Lucene;

/// <summary>
/// Snippets with the matched words in <c>&lt;mark&gt;</c>: from the summary when it matches, else from the
/// stretch of the body around the first match. Everything around the marks is HTML-escaped, so a snippet
/// is safe to write into a page as is. Only a window of text is analysed (tokens with offsets, matched
/// against the query's analysed terms): analysing whole bodies for ten hits would cost milliseconds.
/// One instance per search: the query's terms are extracted once.
/// </summary>
internal sealed class Snippets(Query? query, IReadOnlyList<string> words, LuceneAnalyzers analyzers)
{
    private const int Length = 320;

    /// <summary>Escapes what HTML needs escaped and writes every script as itself (an entity per accented letter triples the bytes).</summary>
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
    private (HashSet<string> Terms, string[] Needles, string[] Prefixes)? _match;

    /// <summary>The summary, escaped and cut, for hits without a query to highlight.</summary>
    public static string Plain(string summary) => Html.Encode(summary.Length > Length ? summary[..Length] + "…" : summary);

    /// <summary>The query's terms in the text field (every language's), and what to look for in raw text.</summary>
    private (HashSet<string> Terms, string[] Needles, string[] Prefixes) Match()
    {
        // Query.ExtractTerms, not the highlighter's QueryTermExtractor: that one interns every term in a process-wide table.
        var extracted = new HashSet<Term>();
        query!.ExtractTerms(extracted);
        var terms = extracted.Where(t => t.Field == LuceneFields.Text).Select(t => t.Text).ToHashSet(StringComparer.Ordinal);
        var needles = terms.Concat(words).Where(t => t.Length > 1).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        return (terms, needles, needles.Select(n => Folded(n.AsSpan(0, Math.Min(3, n.Length)))).Distinct(StringComparer.Ordinal).ToArray());
    }

    /// <summary>
    /// Where the window's words match the query's terms. Analysing the whole window costs tens of microseconds a hit;
    /// in scripts whose stems begin as the word does, only words sharing a needle's first letters (accents and case
    /// aside) are analysed, one by one. Chinese (segmented as a run) and Arabic (stems lose prefixes) are analysed whole.
    /// </summary>
    private IEnumerable<(int From, int To)> Matches(string language, string window, HashSet<string> termSet, string[] prefixes)
    {
        var terms = termSet.GetAlternateLookup<ReadOnlySpan<char>>();
        var analyzer = analyzers.For(language);
        if (language is "zh" or "ar")
        {
            return Analysed(analyzer, window, 0, terms);
        }

        var found = new List<(int, int)>();
        var i = 0;
        while (i < window.Length)
        {
            if (!IsWordChar(window[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < window.Length && IsWordChar(window[i]))
            {
                i++;
            }

            if (StartsWithAny(window.AsSpan(start, i - start), prefixes)
                && Analysed(analyzer, window[start..i], start, terms).Count > 0)
            {
                found.Add((start, i));
            }
        }

        return found;
    }

    private static List<(int From, int To)> Analysed(Analyzer analyzer, string text, int offsetBase, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> terms)
    {
        var found = new List<(int, int)>();
        using var tokens = analyzer.GetTokenStream(LuceneFields.Text, text);
        var term = tokens.AddAttribute<ICharTermAttribute>();
        var offset = tokens.AddAttribute<IOffsetAttribute>();
        tokens.Reset();
        while (tokens.IncrementToken())
        {
            if (terms.Contains(term.Buffer.AsSpan(0, term.Length)))
            {
                found.Add((offsetBase + offset.StartOffset, offsetBase + offset.EndOffset));
            }
        }

        tokens.End();
        return found;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;

    private static bool StartsWithAny(ReadOnlySpan<char> word, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (word.Length < prefix.Length)
            {
                continue;
            }

            var i = 0;
            while (i < prefix.Length && Fold(word[i]) == prefix[i])
            {
                i++;
            }

            if (i == prefix.Length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Lower case without accents: <c>Éc</c> → <c>ec</c>.</summary>
    private static string Folded(ReadOnlySpan<char> text)
    {
        var folded = new char[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            folded[i] = Fold(text[i]);
        }

        return new string(folded);
    }

    /// <summary>Latin letters with accents (U+00C0 to U+024F) folded once, through their canonical decomposition.</summary>
    private static readonly char[] LatinFolds = [.. Enumerable.Range(0, 0x250).Select(c => char.ToLowerInvariant(((char)c).ToString().Normalize(NormalizationForm.FormD)[0]))];

    private static char Fold(char c) => c < LatinFolds.Length ? LatinFolds[c] : char.ToLowerInvariant(c);

    public string For(string language, string summary, Func<string> body)
    {
        if (query is null)
        {
            return Plain(summary);
        }

        return Mark(language, summary)
            ?? Mark(language, body())
            ?? Plain(summary);
    }

    private string? Mark(string language, string text)
    {
        var match = _match ??= Match();

        // Cheap test first: where might a match be? (a word as typed, or its stem, as a substring)
        var first = match.Needles.Select(n => text.IndexOf(n, StringComparison.OrdinalIgnoreCase)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
        if (first < 0 || match.Terms.Count == 0)
        {
            return null;
        }

        var start = first < Length / 3 ? 0 : text.LastIndexOf(' ', first - (Length / 3)) + 1;
        var end = Math.Min(text.Length, start + Length);
        var window = text[start..end];
        var marked = new StringBuilder(window.Length + 64);
        if (start > 0)
        {
            marked.Append('…');
        }

        var found = false;
        var last = 0;
        foreach (var (from, to) in Matches(language, window, match.Terms, match.Prefixes))
        {
            if (from >= last)
            {
                marked.Append(Html.Encode(window[last..from])).Append("<mark>").Append(Html.Encode(window[from..to])).Append("</mark>");
                last = to;
                found = true;
            }
        }

        marked.Append(Html.Encode(window[last..]));
        if (end < text.Length)
        {
            marked.Append('…');
        }

        return found ? marked.ToString() : null;
    }
}
