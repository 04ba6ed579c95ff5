using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;

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
    private (HashSet<string> Terms, string[] Needles)? _match;

    /// <summary>The summary, escaped and cut, for hits without a query to highlight.</summary>
    public static string Plain(string summary) => Html.Encode(summary.Length > Length ? summary[..Length] + "…" : summary);

    /// <summary>The query's terms in the text field (every language's), and what to look for in raw text.</summary>
    private (HashSet<string> Terms, string[] Needles) Match()
    {
        var terms = QueryTermExtractor.GetTerms(query, false, LuceneFields.Text).Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
        return (terms, terms.Concat(words).Where(t => t.Length > 1).Distinct(StringComparer.OrdinalIgnoreCase).ToArray());
    }

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
        var terms = match.Terms.GetAlternateLookup<ReadOnlySpan<char>>();
        using (var tokens = analyzers.For(language).GetTokenStream(LuceneFields.Text, window))
        {
            var term = tokens.AddAttribute<ICharTermAttribute>();
            var offset = tokens.AddAttribute<IOffsetAttribute>();
            tokens.Reset();
            while (tokens.IncrementToken())
            {
                if (terms.Contains(term.Buffer.AsSpan(0, term.Length)) && offset.StartOffset >= last)
                {
                    marked.Append(Html.Encode(window[last..offset.StartOffset]))
                        .Append("<mark>").Append(Html.Encode(window[offset.StartOffset..offset.EndOffset])).Append("</mark>");
                    last = offset.EndOffset;
                    found = true;
                }
            }

            tokens.End();
        }

        marked.Append(Html.Encode(window[last..]));
        if (end < text.Length)
        {
            marked.Append('…');
        }

        return found ? marked.ToString() : null;
    }
}
