using System.Net;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;

namespace UseCaseHub.Search.Lucene;

/// <summary>
/// Snippets with the matched words in <c>&lt;mark&gt;</c>. The encoder HTML-escapes the text around them,
/// so a snippet is safe to write into a page as is.
/// </summary>
internal static class Snippets
{
    private const int FragmentSize = 180;

    public static string For(Query? query, LuceneAnalyzers analyzers, string language, string summary, string body)
    {
        if (query is not null)
        {
            foreach (var (field, text) in new[] { (LuceneFields.Summary, summary), (LuceneFields.Body, body) })
            {
                var name = LuceneFields.Text(field, language);
                var scorer = new QueryScorer(query, name);
                var highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), new SimpleHTMLEncoder(), scorer)
                {
                    TextFragmenter = new SimpleSpanFragmenter(scorer, FragmentSize),
                    MaxDocCharsToAnalyze = 20_000,
                };
                try
                {
                    using var tokens = analyzers.Index.GetTokenStream(name, text);
                    var fragments = highlighter.GetBestFragments(tokens, text, 2);
                    if (fragments.Length > 0)
                    {
                        return string.Join(" … ", fragments.Select(f => f.Trim()));
                    }
                }
                catch (InvalidTokenOffsetsException)
                {
                    // Fall through to the plain summary.
                }
            }
        }

        return WebUtility.HtmlEncode(summary.Length > FragmentSize * 2 ? summary[..(FragmentSize * 2)] + "…" : summary);
    }
}
