using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace UseCaseHub.Search.Lucene;

/// <summary>
/// Snippets with the matched words in <c>&lt;mark&gt;</c>: from the summary when it matches, else from the stretch of
/// the body around the first match. The words are found from the offsets the index keeps in the text field's postings
/// (<see cref="TextParts"/>): nothing is analysed again, so a hit's snippet costs a few term seeks whatever its language
/// and length, and the marks are exactly the words the entry matched on. Everything around the marks is HTML-escaped,
/// so a snippet is safe to write into a page as is. One instance per search: the query's terms are extracted once.
/// </summary>
internal sealed class Snippets(Query? query, IndexSearcher searcher)
{
    private const int Length = 320;

    /// <summary>Escapes what HTML needs escaped and writes every script as itself (an entity per accented letter triples the bytes).</summary>
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private BytesRef[]? _terms;
    private DocsAndPositionsEnum? _reuse;
    private Dictionary<int, List<(int From, int To)>>? _prepared;

    /// <summary>Term seeks made so far (the cost a test compares between scripts: one per query term and segment for a page of hits).</summary>
    public int Seeks { get; private set; }

    /// <summary>Stored bodies read so far (a hit whose summary has no match reads its body once).</summary>
    public int BodyReads { get; private set; }

    /// <summary>The summary, escaped and cut, for hits without a query to highlight.</summary>
    public static string Plain(string summary) => Html.Encode(summary.Length > Length ? summary[..Length] + "…" : summary);

    /// <summary>The query's terms in the text field (every language's forms; not those of excluded words).</summary>
    private BytesRef[] Terms() => TermsOf(query!);

    /// <summary>The terms a snippet looks for in the text field: one seek each per hit.</summary>
    public static BytesRef[] TermsOf(Query query)
    {
        // Query.ExtractTerms, not the highlighter's QueryTermExtractor: that one interns every term in a process-wide table.
        var extracted = new HashSet<Term>();
        query.ExtractTerms(extracted);
        return [.. extracted.Where(t => t.Field == LuceneFields.Text && t.Bytes.Length > 0).Select(t => t.Bytes)];
    }

    /// <summary>Writes the first characters of a hit's body into the span (as many as fit) and says how many.</summary>
    public delegate int BodyReader(Span<char> into);

    /// <summary>
    /// The snippet of hit <paramref name="doc"/>; <paramref name="body"/> is read only when the match is in it, and only
    /// as far as the window can reach, into a pooled buffer: no string of the body is made.
    /// </summary>
    public string For(int doc, HitRecord hit, BodyReader body)
    {
        if (query is null)
        {
            return Plain(hit.Summary);
        }

        // The summary holds offsets [0, S), the body [S + 1, S + 1 + B); the repeated values come after (LuceneDocuments.Parts).
        var bodyStart = hit.Summary.Length + 1;
        var limit = bodyStart + hit.BodyLength;
        // Every hit's matches were read with the page's (Prepare): a hit it was not given is a caller's mistake.
        var matches = _prepared is not null && _prepared.TryGetValue(doc, out var found)
            ? found.Where(m => m.From < limit).ToList()
            : throw new InvalidOperationException($"Snippets.For({doc}) without Prepare for that document.");
        var inSummary = matches.Where(m => m.To <= hit.Summary.Length).ToList();
        if (inSummary.Count > 0)
        {
            return Mark(hit.Summary, hit.Summary.Length, inSummary);
        }

        var inBody = matches.Where(m => m.From >= bodyStart).Select(m => (From: m.From - bodyStart, To: m.To - bodyStart)).ToList();
        if (inBody.Count == 0)
        {
            return Plain(hit.Summary);
        }

        BodyReads++;
        // The window starts at most a third of its length before the first match (WindowStart) and is Length long.
        var needed = Math.Min(inBody[0].From + Length, hit.BodyLength);
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(needed, 1));
        try
        {
            var read = body(chars.AsSpan(0, needed));
            return Mark(chars.AsSpan(0, read), hit.BodyLength, inBody);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>
    /// Reads the matches of a page of hits at once: per segment, each query term is sought once and its postings are
    /// walked forward through the page's documents in order, instead of a seek per term and hit. The offsets past the
    /// body (the repeated title, summary and tags) are read too and dropped in <see cref="For"/>: a few positions each.
    /// </summary>
    public void Prepare(IEnumerable<int> docs)
    {
        if (query is null)
        {
            return;
        }

        _prepared = [];
        var sorted = docs.Distinct().Order().ToArray();
        foreach (var doc in sorted)
        {
            _prepared[doc] = [];
        }

        var leaves = searcher.IndexReader.Leaves;
        foreach (var leafDocs in sorted.GroupBy(doc => ReaderUtil.SubIndex(doc, leaves)))
        {
            var leaf = leaves[leafDocs.Key];
            var terms = leaf.AtomicReader.GetTerms(LuceneFields.Text);
            if (terms is null || !terms.HasOffsets)
            {
                continue;
            }

            var iterator = terms.GetEnumerator();
            foreach (var term in _terms ??= Terms())
            {
                Seeks++;
                if (!iterator.SeekExact(term))
                {
                    continue;
                }

                var postings = _reuse = iterator.DocsAndPositions(null, _reuse, DocsAndPositionsFlags.OFFSETS);
                if (postings is null)
                {
                    continue;
                }

                foreach (var doc in leafDocs)
                {
                    var local = doc - leaf.DocBase;
                    if (postings.DocID < local && postings.Advance(local) == DocIdSetIterator.NO_MORE_DOCS)
                    {
                        break;
                    }

                    if (postings.DocID != local)
                    {
                        continue;
                    }

                    var found = _prepared[doc];
                    for (var i = 0; i < postings.Freq; i++)
                    {
                        postings.NextPosition();
                        if (postings.StartOffset >= 0)
                        {
                            found.Add((postings.StartOffset, postings.EndOffset));
                        }
                    }
                }
            }
        }

        foreach (var found in _prepared.Values)
        {
            found.Sort();
        }
    }

    /// <summary>
    /// A window of the text around its first match, escaped, with every match in it marked. <paramref name="text"/> may
    /// be the first part of a text <paramref name="length"/> long (enough to hold the window).
    /// </summary>
    private static string Mark(ReadOnlySpan<char> text, int length, List<(int From, int To)> matches)
    {
        var first = Math.Min(matches[0].From, text.Length);
        var start = WindowStart(text, first);
        var end = Math.Min(text.Length, start + Length);
        if (end < text.Length && end > start && char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        var marked = new StringBuilder(end - start + 64);
        if (start > 0)
        {
            marked.Append('…');
        }

        var last = start;
        foreach (var (from, to) in matches)
        {
            if (from >= last && to <= end && from < to)
            {
                marked.Append(Encode(text[last..from])).Append("<mark>").Append(Encode(text[from..to])).Append("</mark>");
                last = to;
            }
        }

        marked.Append(Encode(text[last..end]));
        if (end < length)
        {
            marked.Append('…');
        }

        return marked.ToString();
    }

    private static string Encode(ReadOnlySpan<char> text) => Html.Encode(text.ToString());

    /// <summary>A third of the window before the first match, from a word's start where the script has spaces.</summary>
    private static int WindowStart(ReadOnlySpan<char> text, int first)
    {
        if (first < Length / 3)
        {
            return 0;
        }

        var cut = first - (Length / 3);
        var space = text[..(cut + 1)].LastIndexOf(' ');
        var start = space >= 0 && cut - space <= 20 ? space + 1 : cut;
        return start < text.Length && char.IsLowSurrogate(text[start]) ? start + 1 : start;
    }
}
