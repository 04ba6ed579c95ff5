using System.Globalization;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Queries.Mlt;
using Lucene.Net.Search;
using Lucene.Net.Util;
using UseCaseHub.Core.Catalogue.Translations;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Search.Lucene;

public sealed partial class LuceneSearchEngine
{
    /// <summary>Deepest result a page may reach; deeper paging answers no hits (the total is still right).</summary>
    public const int MaxWindow = SearchRequest.MaxResultWindow;

    public Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(WithSearcher(searcher => WordlessResults.GetOrSearch(searcher, request, () => Search(searcher, request))));
    }

    public Task<IReadOnlyList<Guid>> MatchingIdsAsync(string query, SearchAudience audience, int max, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audience);
        if (max <= 0)
        {
            return Task.FromResult<IReadOnlyList<Guid>>([]);
        }

        return Task.FromResult(WithSearcher<IReadOnlyList<Guid>>(searcher =>
        {
            var parsed = UserQuery.Parse(query ?? "", _analyzers, searcher.Snapshot);
            // Ranked as a search is (the UI language is not known here: the query's script decides), so that when more
            // entries match than are wanted, the ones kept are the ones the search page would show first.
            var top = searcher.Search(Visible(Ranked(parsed, ReaderLanguage.Of(query, null)) ?? (Query)new MatchAllDocsQuery(), audience),
                Math.Min(max, searcher.IndexReader.MaxDoc + 1));
            return top.ScoreDocs.Select(d => HitRecord.ReadId(searcher, d.Doc)).ToList();
        }));
    }

    private SearchResult Search(SnapshotSearcher searcher, SearchRequest request)
    {
        var result = Search(searcher, request, out var parsed);
        if (result.Total > 0 || parsed.Words.Count == 0 || Spelling.Correct(searcher.IndexReader, parsed.Words) is not { } correction)
        {
            return result;
        }

        // Nothing found: a confident correction is searched at once ("Showing results for vaccine"); a doubtful one is
        // offered ("Did you mean"), in both cases only if it finds something this audience may see.
        // Only words are corrected: a query with phrases, exclusions, OR or facet terms is offered its correction, never replaced.
        if (correction.Confident && IsPlainWords(request.Query))
        {
            var corrected = Search(searcher, request with { Query = correction.Text }, out _);
            return corrected.Total > 0 ? corrected with { CorrectedQuery = correction.Text } : result;
        }

        // An offer only needs to know the correction finds something (same filters): no facets, no snippets, one hit.
        var probe = Search(searcher, request with { Query = correction.Text, Facets = [], Highlight = false, Page = 1, PageSize = 1 }, out _);
        return probe.Total > 0 ? result with { DidYouMean = correction.Text } : result;
    }

    private static bool IsPlainWords(string? query) =>
        (query ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).All(w => w != "OR" && w.All(char.IsLetterOrDigit));

    private SearchResult Search(SnapshotSearcher searcher, SearchRequest request, out UserQuery parsed)
    {
        var pageSize = Math.Clamp(request.PageSize, 1, SearchRequest.MaxPageSize);
        var page = Math.Max(1, request.Page);
        var start = (long)(page - 1) * pageSize;
        parsed = UserQuery.Parse(request.Query ?? "", _analyzers, searcher.Snapshot);
        var selected = Selection(request, searcher.Snapshot);
        var window = (int)Math.Min(start + pageSize, MaxWindow);
        var sort = parsed.Query is null && request.Sort == SearchSort.Relevance ? SearchSort.Newest : request.Sort;
        var top = TopCollector(sort, window);
        var collector = new FacetCollector(top, selected.ToDictionary(s => FacetValueIds.FacetIndex(s.Key), s => s.Value));
        // One version per entry, the reader's when the entry has it (TranslationRules): hits and facet counts alike.
        searcher.Search(Visible(Ranked(parsed, request, sort) ?? Sideways(selected), request.Audience, TranslationRules.ReaderKey(request)), collector);

        var snippets = new Snippets(request.Highlight ? parsed.Query : null, searcher);
        var scored = start >= window ? [] : top.GetTopDocs((int)start, pageSize).ScoreDocs;
        snippets.Prepare(scored.Select(d => d.Doc));
        var hits = scored.Select(d => Hit(searcher, d, snippets)).ToList();
        Count(snippets);
        return new SearchResult
        {
            Total = collector.TotalHits,
            Hits = hits,
            Facets = FacetResults.Build(collector, request.Facets, selected, searcher.Snapshot, request.FacetLimit, request.FacetChildren),
        };
    }

    /// <summary>By relevance, ranked for the reader (the query's script, else the UI language); other orders as parsed.</summary>
    private static Query? Ranked(UserQuery parsed, SearchRequest request, SearchSort sort) =>
        sort == SearchSort.Relevance ? Ranked(parsed, ReaderLanguage.Of(request.Query, request.Language)) : parsed.Query;

    /// <summary>By relevance in tiers (<see cref="RankingQuery"/>): strong matches first, the reader's language first among equals.</summary>
    private static RankingQuery? Ranked(UserQuery parsed, string? reader) =>
        parsed.Query is null ? null : RankingQuery.Create(parsed.Query, reader, parsed.Title, parsed.Phrase, parsed.Exact);

    /// <summary>
    /// What a search without words matches. The facet collector does the drill-sideways counting (it needs the documents
    /// failing at most one selected facet; those failing more are skipped), so words alone decide what is matched.
    /// Without words everything would be; with two or more facets selected, a filter keeps out the documents that fail
    /// two or more of them.
    /// </summary>
    private static Query Sideways(Dictionary<string, HashSet<string>> selected)
    {
        if (selected.Count < 2)
        {
            return new MatchAllDocsQuery();
        }

        var passing = new BooleanQuery { MinimumNumberShouldMatch = selected.Count - 1 };
        foreach (var (facet, values) in selected)
        {
            var any = new BooleanQuery();
            foreach (var value in values)
            {
                any.Add(new TermQuery(new Term(facet, value)), Occur.SHOULD);
            }

            passing.Add(any, Occur.SHOULD);
        }

        return new ConstantScoreQuery(passing);
    }

    /// <summary>The request's filters on known facets, each value as indexed (<c>ke</c> → <c>KE</c>).</summary>
    private static Dictionary<string, HashSet<string>> Selection(SearchRequest request, IndexSnapshot snapshot) =>
        request.Filters.Where(f => Facets.IsKnown(f.Key) && f.Value.Count > 0).ToDictionary(
            f => f.Key,
            f => f.Value.Select(v => snapshot.ExactValue(f.Key, v.Trim()) ?? v.Trim()).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);

    private static ITopDocsCollector TopCollector(SearchSort sort, int window)
    {
        window = Math.Max(1, window);
        return sort switch
        {
            SearchSort.Newest => (ITopDocsCollector)Fielded(new Sort(new SortField(LuceneFields.Date, SortFieldType.INT64, true), SortField.FIELD_SCORE), window),
            SearchSort.Title => Fielded(new Sort(new SortField(LuceneFields.TitleSort, SortFieldType.STRING), SortField.FIELD_SCORE), window),
            // Equal scores are ordered by title, not by where the document happens to sit in the index: the same
            // search gives the same order after every rebuild (a docid tie-break moved nDCG by about 0.007 between builds).
            _ => Fielded(new Sort(SortField.FIELD_SCORE, new SortField(LuceneFields.TitleSort, SortFieldType.STRING)), window),
        };
    }

    private static TopFieldCollector Fielded(Sort sort, int window) => TopFieldCollector.Create(sort, window, true, true, false, true);

    private static SearchHit Hit(IndexSearcher searcher, ScoreDoc scored, Snippets? snippets)
    {
        var hit = HitRecord.Read(searcher, scored.Doc);
        // The body is read only when the summary has nothing to highlight.
        var snippet = snippets is null
            ? Snippets.Plain(hit.Summary)
            : snippets.For(scored.Doc, hit, into => HitRecord.ReadBody(searcher, scored.Doc, into));
        return new SearchHit(hit.Id, hit.Pid, hit.Type, hit.Slug, hit.Title, snippet, float.IsNaN(scored.Score) ? 0 : scored.Score);
    }

    public Task<IReadOnlyList<Suggestion>> SuggestAsync(string prefix, SearchAudience audience, int max = 8, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audience);
        if (string.IsNullOrWhiteSpace(prefix) || max <= 0)
        {
            return Task.FromResult<IReadOnlyList<Suggestion>>([]);
        }

        return Task.FromResult(WithSearcher<IReadOnlyList<Suggestion>>(searcher =>
        {
            var tags = TagSuggestions(searcher.IndexReader, prefix.Trim().ToLowerInvariant(), Math.Max(1, max / 3)).ToList();
            var titles = TitleSuggestions(searcher, prefix, audience, max - tags.Count);
            return tags.Concat(titles).Take(max).ToList();
        }));
    }

    /// <summary>Tag names starting with the prefix, the most used first.</summary>
    private static IEnumerable<Suggestion> TagSuggestions(IndexReader reader, string prefix, int max)
    {
        var terms = MultiFields.GetTerms(reader, LuceneFields.Labels);
        if (terms is null)
        {
            return [];
        }

        var found = new List<(Suggestion Suggestion, int Frequency)>();
        var iterator = terms.GetEnumerator();
        if (iterator.SeekCeil(new BytesRef(prefix)) == TermsEnum.SeekStatus.END)
        {
            return [];
        }

        do
        {
            var parts = iterator.Term.Utf8ToString().Split(LuceneFields.Separator);
            if (!parts[0].StartsWith(prefix, StringComparison.Ordinal) || found.Count >= 200)
            {
                break;
            }

            found.Add((new Suggestion(parts[1], parts[2], $"/search?{parts[2]}={Uri.EscapeDataString(parts[3])}"), iterator.DocFreq));
        }
        while (iterator.MoveNext());

        return found.OrderByDescending(f => f.Frequency).Select(f => f.Suggestion).DistinctBy(s => s.Url).Take(max);
    }

    /// <summary>Titles containing every typed word, the last one as a prefix (it is still being typed).</summary>
    private List<Suggestion> TitleSuggestions(IndexSearcher searcher, string prefix, SearchAudience audience, int max)
    {
        var words = Tokens(prefix);
        if (words.Count == 0 || max <= 0)
        {
            return [];
        }

        var query = new BooleanQuery();
        foreach (var word in words.SkipLast(1))
        {
            query.Add(new TermQuery(new Term(LuceneFields.Words, word)), Occur.MUST);
        }

        query.Add(new PrefixQuery(new Term(LuceneFields.Words, words[^1])), Occur.MUST);
        // Entries whose text (the title above all: it is repeated) has the last word whole rank first.
        query.Add(new TermQuery(new Term(LuceneFields.Text, words[^1])), Occur.SHOULD);
        return searcher.Search(Visible(query, audience), max).ScoreDocs
            .Select(d => HitRecord.Read(searcher, d.Doc))
            .Select(h => new Suggestion(h.Title, "title", h.Path))
            .ToList();
    }

    private List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        using var stream = _analyzers.Words.GetTokenStream(LuceneFields.Words, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(term.ToString());
        }

        stream.End();
        return tokens;
    }

    public Task<IReadOnlyList<SearchHit>> SimilarAsync(Guid id, SearchAudience audience, int max = 5, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audience);
        return Task.FromResult(WithSearcher<IReadOnlyList<SearchHit>>(searcher =>
        {
            var key = new Term(LuceneFields.Id, LuceneDocuments.Key(id));
            var found = searcher.Search(new TermQuery(key), 1).ScoreDocs;
            if (found.Length == 0 || max <= 0)
            {
                return [];
            }

            var source = searcher.Doc(found[0].Doc);
            var record = HitRecord.Read(searcher, found[0].Doc);
            var language = record.Language;
            var like = new MoreLikeThis(searcher.IndexReader) { Analyzer = _analyzers.For(language), MinTermFreq = 1, MinDocFreq = 2, MaxQueryTerms = 25, FieldNames = [LuceneFields.Text] };
            var text = string.Join("\n", record.Title, record.Summary, Stored(source, LuceneFields.Tags), HitRecord.ReadBody(searcher, found[0].Doc));
            var query = new BooleanQuery { { like.Like(new StringReader(text), LuceneFields.Text), Occur.SHOULD } };
            query.Add(new TermQuery(key), Occur.MUST_NOT);
            return searcher.Search(Visible(query, audience), max).ScoreDocs.Select(d => Hit(searcher, d, null)).ToList();
        }));
    }

    public Task<IReadOnlyList<SearchHit>> SimilarToTextAsync(string text, string language, SearchAudience audience, int max = 5,
        Guid? exclude = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audience);
        if (string.IsNullOrWhiteSpace(text) || max <= 0)
        {
            return Task.FromResult<IReadOnlyList<SearchHit>>([]);
        }

        return Task.FromResult(WithSearcher<IReadOnlyList<SearchHit>>(searcher =>
        {
            // MinDocFreq 1: a word of the new text may be in a single entry, and that entry is exactly the duplicate sought.
            var like = new MoreLikeThis(searcher.IndexReader) { Analyzer = _analyzers.For(language ?? "en"), MinTermFreq = 1, MinDocFreq = 1, MaxQueryTerms = 25, FieldNames = [LuceneFields.Text] };
            var query = new BooleanQuery { { like.Like(new StringReader(text), LuceneFields.Text), Occur.SHOULD } };
            if (exclude is { } id)
            {
                query.Add(new TermQuery(new Term(LuceneFields.Id, LuceneDocuments.Key(id))), Occur.MUST_NOT);
            }

            return searcher.Search(Visible(query, audience), max).ScoreDocs.Select(d => Hit(searcher, d, null)).ToList();
        }));
    }

    private static string Stored(global::Lucene.Net.Documents.Document document, string field) => document.Get(field, CultureInfo.InvariantCulture) ?? "";
}
