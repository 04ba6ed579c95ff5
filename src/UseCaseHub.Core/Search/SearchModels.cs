using UseCaseHub.Core.Catalogue;

namespace UseCaseHub.Core.Search;

/// <summary>What one entry looks like to a search engine: text to match and tag codes to facet on.</summary>
public sealed record SearchDocument
{
    public required Guid Id { get; init; }
    public required string Pid { get; init; }
    public required string Type { get; init; }
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public required string Summary { get; init; }
    public required string Body { get; init; }
    public required string Language { get; init; }
    public required string Status { get; init; }
    public Guid? Organization { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Facet values by facet key (<see cref="Facets"/>), e.g. <c>sdg</c> → <c>6</c>, <c>14</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Tags { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The tags' names (Kenya, Clean water and sanitation, LoRaWAN): searched as text, offered as suggestions.</summary>
    public IReadOnlyList<TagLabel> Labels { get; init; } = [];

    /// <summary>The tags' names in other UN languages (from ITaxonomyLabels): searched as text, weighing as tags do.</summary>
    public IReadOnlyList<LocalizedLabel> LocalizedLabels { get; init; } = [];

    /// <summary>Where this entry's values sit in the hierarchical facets (country KE under sub-region 202).</summary>
    public IReadOnlyList<FacetParent> Parents { get; init; } = [];

    /// <summary>Set on a translation's document: the id of the entry it translates (removing the entry removes it).</summary>
    public Guid? TranslationOf { get; init; }

    /// <summary>
    /// The reader keys (<see cref="Catalogue.Translations.TranslationRules.ReaderKey(string, string)"/>) this document is not shown to, so
    /// that a search shows one version per entry (<see cref="Catalogue.Translations.TranslationRules.HiddenFor"/>).
    /// </summary>
    public IReadOnlyList<string> HiddenFor { get; init; } = [];
}

/// <summary>The display name of one facet value.</summary>
public sealed record TagLabel(string Facet, string Value, string Label);

/// <summary>A tag's name in one language (<c>fr</c>, "Eau propre et assainissement").</summary>
public sealed record LocalizedLabel(string Language, string Label);

/// <summary>A value of a child facet and the value of the parent facet it belongs to.</summary>
public sealed record FacetParent(string Facet, string Value, string ParentValue);

/// <summary>A search as a person asks it.</summary>
public sealed record SearchRequest
{
    /// <summary>
    /// The deepest result an engine must page to (Elasticsearch's default <c>max_result_window</c>); deeper pages
    /// answer no hits, with the total still right.
    /// </summary>
    public const int MaxResultWindow = 10_000;

    /// <summary>The most hits a page holds; engines clamp larger requests to it.</summary>
    public const int MaxPageSize = 100;

    public string Query { get; init; } = "";

    /// <summary>Selected values per facet key: OR within a facet, AND across facets.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Facet keys to count; empty counts none.</summary>
    public IReadOnlyList<string> Facets { get; init; } = [];

    /// <summary>At most this many values per facet and per parent value (the most frequent, plus every selected one; all 17 SDGs); 0 for all.</summary>
    public int FacetLimit { get; init; }

    /// <summary>Which values of a hierarchical facet carry their children (sub-regions under regions, targets under goals).</summary>
    public FacetChildren FacetChildren { get; init; } = FacetChildren.All;

    public SearchSort Sort { get; init; } = SearchSort.Relevance;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
    public bool Highlight { get; init; } = true;
    public SearchAudience Audience { get; init; } = SearchAudience.Public;

    /// <summary>The reader's UI language (BCP 47, <c>fr</c>, <c>fr-CA</c>): entries in it rank first (see <see cref="ReaderLanguage"/>); null for none.</summary>
    public string? Language { get; init; }

    /// <summary>
    /// Originals only, whatever the query's script or the UI language (the reader key
    /// <see cref="Catalogue.Translations.TranslationRules.NoReaderLanguage"/>): for callers that join hit ids with the
    /// store's entries, where a translation's id names no entry. Ranking still follows <see cref="Language"/> and the query.
    /// </summary>
    public bool OriginalsOnly { get; init; }
}

/// <summary>
/// Where hierarchical facets nest their children. Every tree level costs bytes on the wire and links on the page,
/// so the site and the API nest only where a person is looking.
/// </summary>
public enum FacetChildren
{
    /// <summary>Under every value.</summary>
    All,

    /// <summary>Under selected values and the ancestors of selected values.</summary>
    Selected,

    /// <summary>As <see cref="Selected"/>; where no sibling is selected, also under the most frequent one.</summary>
    SelectedOrTop,
}

public enum SearchSort
{
    Relevance,
    Newest,
    Title,
}

/// <summary>One result. <see cref="Snippet"/> is HTML: the text is escaped and matches are wrapped in <c>&lt;mark&gt;</c>.</summary>
public sealed record SearchHit(Guid Id, string Pid, string Type, string Slug, string Title, string Snippet, float Score)
{
    /// <summary>The entry's site path, without culture prefix.</summary>
    public string Path => SearchTypes.PathOf(Type, Slug);
}

/// <summary>The values of the <c>type</c> facet and of <see cref="SearchDocument.Type"/>.</summary>
public static class SearchTypes
{
    public const string UseCase = "use-case";
    public const string BestPractice = "best-practice";

    public static string Of(EntryKind kind) => kind == EntryKind.UseCase ? UseCase : BestPractice;

    public static EntryKind KindOf(string type) => type == BestPractice ? EntryKind.BestPractice : EntryKind.UseCase;

    /// <summary>An entry's site path, without culture prefix, from its search type and slug.</summary>
    public static string PathOf(string type, string slug) => $"/{KindOf(type).UrlSegment()}/{slug}";
}

public sealed record FacetValue(string Value, long Count, bool Selected, IReadOnlyList<FacetValue>? Children = null);

public sealed record SearchResult
{
    public required long Total { get; init; }
    public required IReadOnlyList<SearchHit> Hits { get; init; }
    public IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets { get; init; } = new Dictionary<string, IReadOnlyList<FacetValue>>();

    /// <summary>A corrected query when this one found nothing ("did you mean").</summary>
    public string? DidYouMean { get; init; }

    /// <summary>
    /// When the query as typed found nothing and a confident spelling correction finds something, the hits, total and
    /// facets are those of this corrected query ("Showing results for vaccine"); null when the query was searched as typed.
    /// </summary>
    public string? CorrectedQuery { get; init; }
}

public sealed record Suggestion(string Text, string Kind, string? Url);

/// <summary>The facet keys: the same words as the site's and the API's query parameters.</summary>
public static class Facets
{
    public const string Type = "type";
    public const string Sdg = "sdg";
    public const string Target = "target";
    public const string Vertical = "vertical";
    public const string Region = "region";
    public const string Subregion = "subregion";
    public const string Country = "country";
    public const string Group = "group";
    public const string Stage = "stage";
    public const string Standard = "standard";
    public const string Technology = "technology";
    public const string Year = "year";
    public const string Language = "language";

    public static IReadOnlyList<string> All { get; } =
        [Type, Sdg, Target, Vertical, Region, Subregion, Country, Group, Stage, Standard, Technology, Year, Language];

    /// <summary>Hierarchical facets: child facet → parent facet (region &gt; sub-region &gt; country; goal &gt; target).</summary>
    public static IReadOnlyDictionary<string, string> ParentOf { get; } = new Dictionary<string, string>
    {
        [Target] = Sdg,
        [Subregion] = Region,
        [Country] = Subregion,
    };

    /// <summary>The other way round: parent facet → child facet.</summary>
    public static IReadOnlyDictionary<string, string> ChildOf { get; } = ParentOf.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static bool IsKnown(string key) => All.Contains(key, StringComparer.Ordinal);
}

/// <summary>What an index holds and which store state it was last brought in line with.</summary>
public sealed record SearchIndexState(string? Fingerprint, bool Recreated);
