using System.Globalization;
using System.Text;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Clients.Elasticsearch.QueryDsl;
using UseCaseHub.Core.Catalogue.Translations;
using UseCaseHub.Core.Search;
using EsSearchRequest = Elastic.Clients.Elasticsearch.SearchRequest;
using HubSearchRequest = UseCaseHub.Core.Search.SearchRequest;

namespace UseCaseHub.Search.Elasticsearch;

/// <summary>
/// Every request the engine sends, built without a cluster (so golden-file tests pin their JSON): searches with
/// drill-sideways facets, suggestions, more-like-this, bulk loads and the alias swap.
/// </summary>
internal sealed class EsRequests(string prefix)
{
    public const string ValuesAggregation = "values";
    public const string DidYouMean = "didyoumean";

    /// <summary>Facet value buckets per aggregation: more than any facet has values (countries, targets), so counts are exact.</summary>
    public const int FacetBuckets = 2000;

    public const int SnippetLength = 320;

    /// <summary>The alias every search reads; versions are <c>prefix-yyyyMMddHHmmssfff</c>.</summary>
    public string Alias => prefix;

    public string StateIndex => $"{prefix}-meta";

    public const string StateId = "state";

    public string NewVersion(DateTimeOffset now) => $"{prefix}-{now.UtcDateTime.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture)}";

    private static readonly Field[] Shown = [EsFields.Id, EsFields.Pid, EsFields.Type, EsFields.Slug, EsFields.Title, EsFields.Summary];

    /// <summary>
    /// A search page: the words and visibility as the query (they decide what counts at all), the selected facets as a
    /// <c>post_filter</c> (hits pass every facet), and per facet a filter aggregation with every other facet's selection:
    /// values of one facet OR together and each facet's counts ignore its own selection, as on Lucene.
    /// </summary>
    public EsSearchRequest Search(HubSearchRequest request, EsQuery parsed)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(parsed);
        var pageSize = Math.Clamp(request.PageSize, 1, HubSearchRequest.MaxPageSize);
        var start = (long)(Math.Max(1, request.Page) - 1) * pageSize;
        var window = Math.Min(start + pageSize, HubSearchRequest.MaxResultWindow);
        var sort = parsed.Query is null && request.Sort == SearchSort.Relevance ? SearchSort.Newest : request.Sort;
        var selected = Selection(request);
        var search = new EsSearchRequest(Alias)
        {
            Query = Visible(Ranked(parsed, request, sort) ?? new MatchAllQuery(), request.Audience, TranslationRules.ReaderKey(request)),
            From = start >= window ? 0 : (int)start,
            Size = start >= window ? 0 : (int)(window - start),
            TrackTotalHits = new TrackHits(true),
            Sort = Sort(sort),
            Source = new SourceConfig(new SourceFilter { Includes = Shown }),
            IgnoreUnavailable = true,
            AllowNoIndices = true,
        };
        if (selected.Count > 0)
        {
            search.PostFilter = new BoolQuery { Filter = selected.Select(s => FacetFilter(s.Key, s.Value)).ToList() };
        }

        var aggregations = new Dictionary<string, Aggregation>(StringComparer.Ordinal);
        foreach (var facet in request.Facets.Where(Facets.IsKnown).Distinct(StringComparer.Ordinal))
        {
            var others = selected.Where(s => s.Key != facet).Select(s => FacetFilter(s.Key, s.Value)).ToList();
            aggregations[facet] = new Aggregation
            {
                Filter = others.Count == 0 ? new MatchAllQuery() : new BoolQuery { Filter = others },
                Aggregations = new Dictionary<string, Aggregation>
                {
                    // A child facet is counted by parent␟child pairs: each value's count and its parent in one aggregation.
                    [ValuesAggregation] = new TermsAggregation
                    {
                        Field = Facets.ParentOf.ContainsKey(facet) ? EsFields.Tree(facet) : EsFields.Facet(facet),
                        Size = FacetBuckets,
                    },
                },
            };
        }

        if (aggregations.Count > 0)
        {
            search.Aggregations = aggregations;
        }

        if (request.Highlight && parsed.Query is not null)
        {
            search.Highlight = Highlight();
        }

        if (parsed.Words.Count > 0)
        {
            search.Suggest = Suggest(parsed.Words);
        }

        return search;
    }

    /// <summary>Whether the words find anything with the same filters (a "did you mean" offer is only made if so).</summary>
    public EsSearchRequest Probe(HubSearchRequest request, EsQuery parsed)
    {
        var probe = Search(request with { Facets = [], Highlight = false, Page = 1, PageSize = 1 }, parsed);
        probe.Suggest = null;
        probe.Size = 0;
        return probe;
    }

    /// <summary>Ids only, best first, originals only (callers join them with the store).</summary>
    public EsSearchRequest MatchingIds(string query, SearchAudience audience, int max) =>
        Matching(query, audience, type: null, from: 0, size: max, countAll: false);

    /// <summary>
    /// One page of <see cref="MatchingIds"/> (the same match, rank and originals only) with the exact total: a page past
    /// the window asks for no hits and still counts.
    /// </summary>
    public EsSearchRequest MatchingPage(MatchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var skip = Math.Max(0, request.Skip);
        return skip >= HubSearchRequest.MaxResultWindow
            ? Matching(request.Query ?? "", request.Audience, request.Type, 0, 0, countAll: true)
            : Matching(request.Query ?? "", request.Audience, request.Type, skip, Math.Max(0, request.Take), countAll: true);
    }

    private EsSearchRequest Matching(string query, SearchAudience audience, string? type, int from, int size, bool countAll)
    {
        var parsed = EsQuery.Parse(query);
        var ranked = Ranked(parsed, ReaderLanguage.Of(query, null)) ?? new MatchAllQuery();
        // A filter, not a clause: the rank stays the one MatchingIds gives.
        var matched = type is null ? ranked : new BoolQuery { Must = [ranked], Filter = [new TermQuery(EsFields.Facet(Facets.Type), type)] };
        return new EsSearchRequest(Alias)
        {
            Query = Visible(matched, audience),
            From = from > 0 ? from : null,
            Size = (int)Math.Min(size, Math.Max(0, (long)HubSearchRequest.MaxResultWindow - from)),
            Sort = Sort(parsed.Query is null ? SearchSort.Newest : SearchSort.Relevance),
            Source = new SourceConfig(false),
            TrackTotalHits = new TrackHits(countAll),
            IgnoreUnavailable = true,
            AllowNoIndices = true,
        };
    }

    /// <summary>Tag names starting with what was typed (by prefix over the labels' keyword terms), the most used first.</summary>
    public EsSearchRequest TagSuggestions(string prefixText) => new(Alias)
    {
        Size = 0,
        Query = new MatchAllQuery(),
        Aggregations = new Dictionary<string, Aggregation>
        {
            [ValuesAggregation] = new TermsAggregation
            {
                Field = EsFields.Labels,
                Size = 200,
                // The typed text is a literal inside the pattern: every character that is not a letter or digit is escaped.
                Include = new TermsInclude(TagPattern(prefixText)),
            },
        },
        IgnoreUnavailable = true,
        AllowNoIndices = true,
    };

    /// <summary>
    /// The labels' keyword terms are <c>label␟name␟facet␟value</c> (lower-cased label first): the typed text starts the
    /// label, which may go on ("fij" finds Fiji), and the rest of the term is anything.
    /// </summary>
    public static string TagPattern(string prefixText) =>
        RegexLiteral(prefixText.Trim().ToLowerInvariant()) + "[^" + EsDocument.Separator + "]*" + EsDocument.Separator + ".*";

    /// <summary>Titles containing every typed word, the last one still being typed (search-as-you-type's bool_prefix).</summary>
    public EsSearchRequest TitleSuggestions(string prefixText, SearchAudience audience, int max) => new(Alias)
    {
        Size = max,
        Query = Visible(new MultiMatchQuery(prefixText)
        {
            Type = TextQueryType.BoolPrefix,
            Operator = Operator.And,
            Fields = new[] { EsFields.TitleSuggest, $"{EsFields.TitleSuggest}._2gram", $"{EsFields.TitleSuggest}._3gram" },
        }, audience),
        Source = new SourceConfig(new SourceFilter { Includes = Shown }),
        IgnoreUnavailable = true,
        AllowNoIndices = true,
    };

    /// <summary>Entries like a stored one: <c>more_like_this</c> over every language's text, never the entry itself.</summary>
    public EsSearchRequest Similar(Guid id, SearchAudience audience, int max) =>
        MoreLikeThis(new LikeDocument { Index = Alias, Id = EsDocument.Key(id) }, minDocFreq: 2, id, audience, max);

    /// <summary>Entries like a text not in the index (a draft): a word in a single entry counts (that entry is the duplicate sought).</summary>
    public EsSearchRequest SimilarToText(string text, SearchAudience audience, int max, Guid? exclude) =>
        MoreLikeThis(text, minDocFreq: 1, exclude, audience, max);

    private EsSearchRequest MoreLikeThis(Like like, int minDocFreq, Guid? exclude, SearchAudience audience, int max)
    {
        var query = new BoolQuery
        {
            Must = [new MoreLikeThisQuery { Like = [like], Fields = EsFields.AllText, MinTermFreq = 1, MinDocFreq = minDocFreq, MaxQueryTerms = 25 }],
        };
        if (exclude is { } id)
        {
            query.MustNot = [new TermQuery(EsFields.Id, EsDocument.Key(id))];
        }

        return new EsSearchRequest(Alias)
        {
            Size = max,
            Query = Visible(query, audience),
            Source = new SourceConfig(new SourceFilter { Includes = Shown }),
            IgnoreUnavailable = true,
            AllowNoIndices = true,
        };
    }

    /// <summary>Adds or replaces documents and removes entries (and their translations' documents) in one bulk request.</summary>
    public static BulkRequest Bulk(string index, IEnumerable<SearchDocument> documents, IReadOnlyCollection<Guid> removed, bool waitForRefresh)
    {
        var bulk = new BulkRequest(index) { Operations = [], Refresh = waitForRefresh ? Refresh.WaitFor : null };
        foreach (var id in removed)
        {
            bulk.Operations.Add(new BulkDeleteOperation(EsDocument.Key(id)));
        }

        foreach (var document in documents)
        {
            bulk.Operations.Add(new BulkIndexOperation<EsDocument>(EsDocument.From(document)) { Id = EsDocument.Key(document.Id) });
        }

        return bulk;
    }

    /// <summary>A removed entry's translations are documents of their own: they go by the entry's id.</summary>
    public DeleteByQueryRequest RemoveTranslations(IReadOnlyCollection<Guid> removed) => new(Alias)
    {
        Query = new TermsQuery(EsFields.TranslationOf, removed.Select(id => (FieldValue)EsDocument.Key(id)).ToArray()),
        Refresh = true,
        IgnoreUnavailable = true,
        AllowNoIndices = true,
    };

    public static CreateIndexRequest CreateVersion(string index) => new(index);

    /// <summary>
    /// The switch to a rebuilt version, atomic in one <c>_aliases</c> request: the alias moves to the new index and the
    /// old versions are deleted (<c>remove_index</c>) in the same step, so a search sees the old index or the new one, never none.
    /// The alias first leaves every version (<c>prefix-2*</c>), not only those read before: two rebuilds that overlap
    /// would otherwise each add theirs and leave the alias on two indexes (every entry found twice).
    /// </summary>
    public UpdateAliasesRequest SwapAlias(string index, IReadOnlyCollection<string> old)
    {
        var actions = new List<IndexUpdateAliasesAction>
        {
            new() { Remove = new RemoveAction { Index = $"{prefix}-2*", Alias = Alias, MustExist = false } },
            new() { Add = new AddAction { Index = index, Alias = Alias } },
        };
        actions.AddRange(old.Where(o => o != index).Order(StringComparer.Ordinal).Select(o => new IndexUpdateAliasesAction { RemoveIndex = new RemoveIndexAction { Index = o } }));
        return new UpdateAliasesRequest { Actions = actions };
    }

    public IndexRequest<EsState> State(string fingerprint, string? index) =>
        new(new EsState { Fingerprint = fingerprint, Index = index }, StateIndex, StateId) { Refresh = Refresh.WaitFor };

    private static Highlight Highlight() => new()
    {
        PreTags = ["<mark>"],
        PostTags = ["</mark>"],
        Encoder = HighlighterEncoder.Html,
        RequireFieldMatch = false,
        Fields = new List<KeyValuePair<Field, HighlightField>>
        {
            new($"{EsFields.TextsObject}.{EsFields.SummarySection}_*", new HighlightField { FragmentSize = SnippetLength, NumberOfFragments = 1 }),
            new($"{EsFields.TextsObject}.{EsFields.BodySection}_*", new HighlightField { FragmentSize = SnippetLength, NumberOfFragments = 1 }),
        },
    };

    private static Suggester Suggest(IEnumerable<string> words) => new()
    {
        Text = string.Join(' ', words),
        Suggesters = new Dictionary<string, FieldSuggester>
        {
            [DidYouMean] = new() { Term = new TermSuggester { Field = EsFields.Words, SuggestMode = SuggestMode.Missing, Size = 1, Sort = SuggestSort.Score } },
        },
    };

    /// <summary>By relevance: the words required; the words side by side and the reader's language rank higher among equals.</summary>
    private static Query? Ranked(EsQuery parsed, HubSearchRequest request, SearchSort sort) =>
        sort == SearchSort.Relevance ? Ranked(parsed, ReaderLanguage.Of(request.Query, request.Language)) : parsed.Query;

    private static Query? Ranked(EsQuery parsed, string? reader)
    {
        if (parsed.Query is null)
        {
            return null;
        }

        var should = new List<Query>();
        if (!parsed.Alternatives && parsed.Words.Count >= 2)
        {
            should.Add(new MultiMatchQuery(string.Join(' ', parsed.Words)) { Type = TextQueryType.Phrase, Fields = EsFields.Searched, Boost = 2 });
        }

        if (reader is not null)
        {
            should.Add(new TermQuery(EsFields.Language, reader) { Boost = 1.5f });
        }

        return should.Count == 0 ? parsed.Query : new BoolQuery { Must = [parsed.Query], Should = should };
    }

    /// <summary>
    /// What the audience may see (the rule of <see cref="SearchAudience"/>: public statuses; plus its organisation's; or
    /// everything), one version per entry for the reader key (<see cref="TranslationRules.HiddenFor"/>), as on Lucene.
    /// </summary>
    public static Query Visible(Query query, SearchAudience audience, string readerKey = TranslationRules.NoReaderLanguage)
    {
        ArgumentNullException.ThrowIfNull(audience);
        var visible = new BoolQuery { Must = [query], MustNot = [new TermQuery(EsFields.HiddenFor, readerKey)] };
        if (!audience.SeesEverything)
        {
            var statuses = new TermsQuery(EsFields.Status, SearchAudience.PublicStatuses.Select(s => (FieldValue)s.ToString().ToLowerInvariant()).ToArray());
            visible.Filter = audience.Organization is { } organization
                ? [new BoolQuery { Should = [statuses, new TermQuery(EsFields.Organization, EsDocument.Key(organization))], MinimumShouldMatch = 1 }]
                : [statuses];
        }

        return visible;
    }

    /// <summary>One facet's selected values, any of them (values of one facet OR together), matched without case.</summary>
    private static Query FacetFilter(string facet, List<string> values) => values.Count == 1
        ? new TermQuery(EsFields.Facet(facet), values[0]) { CaseInsensitive = true }
        : new BoolQuery { Should = values.Select(v => (Query)new TermQuery(EsFields.Facet(facet), v) { CaseInsensitive = true }).ToList(), MinimumShouldMatch = 1 };

    /// <summary>The request's filters on known facets, values trimmed, in a stable order.</summary>
    public static SortedDictionary<string, List<string>> Selection(HubSearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var selection = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (facet, values) in request.Filters)
        {
            var kept = values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            if (Facets.IsKnown(facet) && kept.Count > 0)
            {
                selection[facet] = kept;
            }
        }

        return selection;
    }

    /// <summary>As on Lucene: equal scores by title; newest by date then score; title then score.</summary>
    private static List<SortOptions> Sort(SearchSort sort) => sort switch
    {
        SearchSort.Newest => [new SortOptions { Field = new FieldSort(EsFields.Date) { Order = SortOrder.Desc } }, new SortOptions { Score = new ScoreSort { Order = SortOrder.Desc } }],
        SearchSort.Title => [new SortOptions { Field = new FieldSort(EsFields.TitleSort) { Order = SortOrder.Asc } }, new SortOptions { Score = new ScoreSort { Order = SortOrder.Desc } }],
        _ => [new SortOptions { Score = new ScoreSort { Order = SortOrder.Desc } }, new SortOptions { Field = new FieldSort(EsFields.TitleSort) { Order = SortOrder.Asc } }],
    };

    /// <summary>Text as a literal in Elasticsearch's (Lucene) regular expression syntax.</summary>
    public static string RegexLiteral(string text)
    {
        var literal = new StringBuilder(text.Length * 2);
        foreach (var c in text)
        {
            if (!char.IsLetterOrDigit(c) && c != ' ')
            {
                literal.Append('\\');
            }

            literal.Append(c);
        }

        return literal.ToString();
    }
}
