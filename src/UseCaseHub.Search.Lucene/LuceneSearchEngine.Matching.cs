using Lucene.Net.Index;
using Lucene.Net.Search;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Search.Lucene;

public sealed partial class LuceneSearchEngine
{
    /// <summary>One cached filter per entry kind (two), its bit sets kept per segment.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Filter> TypeFilters = new(StringComparer.Ordinal);

    /// <summary>
    /// The same match, rank and visibility as <see cref="MatchingIdsAsync"/>, but counted by the collector and only the
    /// page's ids read: OData's <c>$search</c> + <c>$count</c> at 100,000 entries no longer reads (and joins) up to
    /// <c>Api:MaxSearchHits</c> ids to show ten.
    /// </summary>
    public Task<MatchPage> MatchingPageAsync(MatchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Audience);
        return Task.FromResult(WithSearcher(searcher =>
        {
            var parsed = UserQuery.Parse(request.Query ?? "", _analyzers, searcher.Snapshot);
            Query matched = Ranked(parsed, ReaderLanguage.Of(request.Query, null)) ?? (Query)new MatchAllDocsQuery();
            if (request.Type is { } type)
            {
                // A filter, not a clause: the rank stays the one MatchingIdsAsync gives.
                matched = new FilteredQuery(matched, TypeFilters.GetOrAdd(type, t => new CachingWrapperFilter(new QueryWrapperFilter(new TermQuery(new Term(Facets.Type, t))))));
            }

            var skip = Math.Max(0, request.Skip);
            var window = (int)Math.Clamp((long)skip + Math.Max(0, request.Take), 1, MaxWindow);
            var top = TopScoreDocCollector.Create(window, true);
            var count = new TotalHitCountCollector();
            searcher.Search(Visible(matched, request.Audience), MultiCollector.Wrap(top, count));
            var page = skip >= window ? [] : top.GetTopDocs(skip, Math.Max(0, request.Take)).ScoreDocs;
            return new MatchPage(count.TotalHits, page.Select(d => HitRecord.ReadId(searcher, d.Doc)).ToList());
        }));
    }
}
