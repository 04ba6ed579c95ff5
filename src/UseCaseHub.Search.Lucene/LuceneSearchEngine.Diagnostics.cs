using System.Diagnostics;
using Lucene.Net.Search;
using UseCaseHub.Core.Catalogue.Translations;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Search.Lucene;

public sealed partial class LuceneSearchEngine
{
    /// <summary>Language analyses asked for so far (indexing, queries, more-like-this; snippets ask for none).</summary>
    internal long Analyses => _analyzers.Analyses;

    private long _snippetSeeks;
    private long _snippetBodyReads;

    /// <summary>Term seeks the snippets of every search so far made (a test compares them per hit between scripts).</summary>
    internal long SnippetSeeks => Interlocked.Read(ref _snippetSeeks);

    /// <summary>Stored bodies the snippets read so far.</summary>
    internal long SnippetBodyReads => Interlocked.Read(ref _snippetBodyReads);

    /// <summary>How many terms a snippet of this query seeks per hit (the query's terms in the text field).</summary>
    internal int TextTerms(string query) => WithSearcher(searcher =>
        UserQuery.Parse(query, _analyzers, searcher.Snapshot).Query is { } parsed ? Snippets.TermsOf(parsed).Length : 0);

    /// <summary>Segments of the index as searched now (snippet seeks are per term and segment).</summary>
    internal int Segments => WithSearcher(searcher => searcher.IndexReader.Leaves.Count);

    /// <summary>Adds one search's snippet costs to the counters.</summary>
    private void Count(Snippets snippets)
    {
        Interlocked.Add(ref _snippetSeeks, snippets.Seeks);
        Interlocked.Add(ref _snippetBodyReads, snippets.BodyReads);
    }

    /// <summary>For the benchmark's <c>--profile</c>: milliseconds spent parsing, matching + counting, building facets, and reading hits.</summary>
    internal double[] Stages(SearchRequest request) => WithSearcher(searcher =>
    {
        var times = new double[12];
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();
        var parsed = UserQuery.Parse(request.Query, _analyzers, searcher.Snapshot);
        var selected = Selection(request, searcher.Snapshot);
        times[0] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        times[6] = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0;
        allocated = GC.GetAllocatedBytesForCurrentThread();
        start = Stopwatch.GetTimestamp();
        var count = new TotalHitCountCollector();
        searcher.Search(Visible(parsed.Query ?? new MatchAllDocsQuery(), request.Audience, TranslationRules.ReaderKey(request)), count);
        times[1] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        times[7] = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0;
        allocated = GC.GetAllocatedBytesForCurrentThread();
        start = Stopwatch.GetTimestamp();
        var top = TopCollector(request.Sort, request.PageSize);
        var collector = new FacetCollector(top, selected.ToDictionary(s => FacetValueIds.FacetIndex(s.Key), s => s.Value));
        searcher.Search(Visible(Ranked(parsed, request, request.Sort) ?? Sideways(selected), request.Audience, TranslationRules.ReaderKey(request)), collector);
        times[2] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        times[8] = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0;
        allocated = GC.GetAllocatedBytesForCurrentThread();
        start = Stopwatch.GetTimestamp();
        FacetResults.Build(collector, request.Facets, selected, searcher.Snapshot, request.FacetLimit, request.FacetChildren);
        times[3] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        times[9] = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0;
        allocated = GC.GetAllocatedBytesForCurrentThread();
        start = Stopwatch.GetTimestamp();
        var snippets = new Snippets(request.Highlight ? parsed.Query : null, searcher);
        var page = top.GetTopDocs(0, request.PageSize).ScoreDocs;
        snippets.Prepare(page.Select(d => d.Doc));
        _ = page.Select(d => Hit(searcher, d, snippets)).ToList();
        times[4] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        times[10] = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0;
        allocated = GC.GetAllocatedBytesForCurrentThread();
        start = Stopwatch.GetTimestamp();
        searcher.Search(Visible(Ranked(parsed, request, request.Sort) ?? Sideways(selected), request.Audience, TranslationRules.ReaderKey(request)), TopCollector(request.Sort, request.PageSize));
        times[5] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        times[11] = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0;
        allocated = GC.GetAllocatedBytesForCurrentThread();
        return times;
    });
}
