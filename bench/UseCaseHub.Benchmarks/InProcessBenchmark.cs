using System.Diagnostics;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Benchmarks;

/// <summary>
/// The engine as the site calls it (every facet counted, disjunctive and hierarchical, 10 highlighted hits)
/// next to a bare Lucene query over the same index: the words as terms in the English text field, the
/// filters as terms, top 10, total, and three facets counted from the same doc values.
/// </summary>
internal static class InProcessBenchmark
{
    /// <summary>The page size the site and the API serve by default (Site:PageSize): the in-process figures use the same.</summary>
    public static readonly int DefaultPageSize = new UseCaseHub.Web.Site.SiteOptions().PageSize;

    public static async Task<Latencies> EngineAsync(ISearchEngine engine, IReadOnlyList<TypicalQuery> queries, bool highlight = true, bool filters = true,
        int facetLimit = 0, FacetChildren children = FacetChildren.All)
    {
        var latencies = new Latencies();
        foreach (var (query, i) in queries.Select((q, i) => (q, i)))
        {
            var start = Stopwatch.GetTimestamp();
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var result = await engine.SearchAsync(new SearchRequest { Query = query.Text, Filters = filters ? query.Filters : new Dictionary<string, IReadOnlyList<string>>(), Facets = Facets.All, PageSize = DefaultPageSize, Highlight = highlight, FacetLimit = facetLimit, FacetChildren = children });
            if (i >= Warmup(queries))
            {
                latencies.Add(start);
                latencies.Totals.Add(result.Total);
                latencies.AllocatedBytes += GC.GetAllocatedBytesForCurrentThread() - allocated;
            }
        }

        return latencies;
    }

    public static Latencies Bare(string indexPath, IReadOnlyList<TypicalQuery> queries)
    {
        using var directory = FSDirectory.Open(indexPath);
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader);
        using var analyzer = new EnglishAnalyzer(LuceneVersion.LUCENE_48);
        var latencies = new Latencies();
        var counts = new long[3][];
        foreach (var (query, i) in queries.Select((q, i) => (q, i)))
        {
            var start = Stopwatch.GetTimestamp();
            var bare = new BooleanQuery();
            foreach (var word in Terms(analyzer, query.Text))
            {
                bare.Add(new TermQuery(new Term("text", word)), Occur.MUST);
            }

            foreach (var (facet, values) in query.Filters)
            {
                bare.Add(new TermQuery(new Term(facet, values[0])), Occur.MUST);
            }

            var top = TopScoreDocCollector.Create(10, true);
            var facets = new ThreeFacets();
            searcher.Search(bare, MultiCollector.Wrap(top, facets));
            _ = top.GetTopDocs().TotalHits + facets.Counted;
            if (i >= Warmup(queries))
            {
                latencies.Add(start);
            }
        }

        _ = counts;
        return latencies;
    }

    private static int Warmup(IReadOnlyList<TypicalQuery> queries) => Math.Min(500, queries.Count / 4);

    private static List<string> Terms(EnglishAnalyzer analyzer, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    /// <summary>Counts sdg, country and vertical values per segment from the facets' doc values, as a bare facet count would.</summary>
    private sealed class ThreeFacets : ICollector
    {
        private SortedSetDocValues? _values;
        private int[] _counts = [];
        private bool[] _wanted = [];

        public long Counted { get; private set; }

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer)
        {
        }

        public void SetNextReader(AtomicReaderContext context)
        {
            Flush();
            _values = context.AtomicReader.GetSortedSetDocValues("_facets");
            var size = (int)(_values?.ValueCount ?? 0);
            _counts = new int[size];
            _wanted = new bool[size];
            var bytes = new BytesRef();
            for (var ord = 0; ord < size; ord++)
            {
                _values!.LookupOrd(ord, bytes);
                var text = bytes.Utf8ToString();
                _wanted[ord] = text.StartsWith("sdg\u241F", StringComparison.Ordinal) || text.StartsWith("country\u241F", StringComparison.Ordinal)
                    || text.StartsWith("vertical\u241F", StringComparison.Ordinal);
            }
        }

        public void Collect(int doc)
        {
            if (_values is null)
            {
                return;
            }

            _values.SetDocument(doc);
            long ord;
            while ((ord = _values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
            {
                if (_wanted[ord])
                {
                    _counts[ord]++;
                }
            }
        }

        private void Flush()
        {
            foreach (var count in _counts)
            {
                Counted += count;
            }
        }
    }
}
