using System.Text.Json.Serialization;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Search.Elasticsearch;

/// <summary>
/// One entry as Elasticsearch stores it (<c>_source</c>). Text is indexed per language (<see cref="EsFields"/>): an entry's
/// title, summary, tags and body go into its language's fields only, each analysed by that language's analyzer, and a
/// query word is matched against every language's fields, each analysing it its own way (as the Lucene engine does).
/// </summary>
internal sealed class EsDocument
{
    [JsonPropertyName(EsFields.Id)]
    public string Id { get; set; } = "";

    [JsonPropertyName(EsFields.Pid)]
    public string Pid { get; set; } = "";

    [JsonPropertyName(EsFields.Type)]
    public string Type { get; set; } = "";

    [JsonPropertyName(EsFields.Slug)]
    public string Slug { get; set; } = "";

    [JsonPropertyName(EsFields.Title)]
    public string Title { get; set; } = "";

    [JsonPropertyName(EsFields.Summary)]
    public string Summary { get; set; } = "";

    [JsonPropertyName(EsFields.Language)]
    public string Language { get; set; } = "";

    [JsonPropertyName(EsFields.Status)]
    public string Status { get; set; } = "";

    [JsonPropertyName(EsFields.Organization)]
    public string? Organization { get; set; }

    [JsonPropertyName(EsFields.TranslationOf)]
    public string? TranslationOf { get; set; }

    [JsonPropertyName(EsFields.HiddenFor)]
    public List<string> HiddenFor { get; set; } = [];

    [JsonPropertyName(EsFields.Date)]
    public long Date { get; set; }

    [JsonPropertyName(EsFields.TitleSort)]
    public string TitleSort { get; set; } = "";

    /// <summary>Facet values by facet key (<c>facets.sdg</c>): keyword fields for filters and terms aggregations.</summary>
    [JsonPropertyName(EsFields.FacetsObject)]
    public Dictionary<string, List<string>> Facets { get; set; } = [];

    /// <summary>Hierarchical facets as <c>parent␟child</c> (<c>tree.country</c>: <c>202␟KE</c>), so one aggregation gives a child's count and parent.</summary>
    [JsonPropertyName(EsFields.TreeObject)]
    public Dictionary<string, List<string>> Tree { get; set; } = [];

    /// <summary>Tag names as <c>lowercase␟Label␟facet␟value</c>: tag suggestions by prefix.</summary>
    [JsonPropertyName(EsFields.Labels)]
    public List<string> Labels { get; set; } = [];

    /// <summary>Per-language text: <c>title_en</c>, <c>summary_fr</c>, <c>tags_zh</c>, <c>body_xx</c>.</summary>
    [JsonPropertyName(EsFields.TextsObject)]
    public Dictionary<string, string> Texts { get; set; } = [];

    /// <summary>Title, summary and tag names unstemmed: "did you mean".</summary>
    [JsonPropertyName(EsFields.Words)]
    public string Words { get; set; } = "";

    /// <summary>The title again, as a search-as-you-type field: title suggestions.</summary>
    [JsonPropertyName(EsFields.TitleSuggest)]
    public string TitleSuggest { get; set; } = "";

    public const char Separator = '\u241F';

    public static string Key(Guid id) => id.ToString("D");

    public static EsDocument From(SearchDocument source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var language = EsFields.TextLanguage(source.Language);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [EsFields.Section(EsFields.TitleSection, language)] = source.Title,
            [EsFields.Section(EsFields.SummarySection, language)] = source.Summary,
            [EsFields.Section(EsFields.BodySection, language)] = source.Body,
        };
        var tags = source.Labels.Select(l => (Language: language, l.Label))
            .Concat(source.LocalizedLabels.Select(l => (Language: EsFields.TextLanguage(l.Language), l.Label)))
            .GroupBy(l => l.Language, StringComparer.Ordinal);
        foreach (var group in tags)
        {
            texts[EsFields.Section(EsFields.TagsSection, group.Key)] = string.Join("\n", group.Select(l => l.Label).Distinct(StringComparer.Ordinal));
        }

        return new EsDocument
        {
            Id = Key(source.Id),
            Pid = source.Pid,
            Type = source.Type,
            Slug = source.Slug,
            Title = source.Title,
            Summary = source.Summary,
            Language = language,
            Status = source.Status.ToLowerInvariant(),
            Organization = source.Organization is { } organization ? Key(organization) : null,
            TranslationOf = source.TranslationOf is { } of ? Key(of) : null,
            HiddenFor = source.HiddenFor.Distinct(StringComparer.Ordinal).ToList(),
            Date = (source.PublishedAt ?? source.UpdatedAt).UtcTicks,
            TitleSort = source.Title.ToLowerInvariant(),
            Facets = source.Tags.Where(t => Core.Search.Facets.IsKnown(t.Key) && t.Value.Count > 0)
                .ToDictionary(t => t.Key, t => t.Value.Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal),
            Tree = source.Parents.GroupBy(p => p.Facet, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(p => p.ParentValue + Separator + p.Value).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal),
            Labels = source.Labels.Select(l => string.Join(Separator, l.Label.ToLowerInvariant(), l.Label, l.Facet, l.Value))
                .Distinct(StringComparer.Ordinal).ToList(),
            Texts = texts,
            Words = string.Join("\n", [source.Title, source.Summary, .. source.Labels.Select(l => l.Label)]),
            TitleSuggest = source.Title,
        };
    }
}

/// <summary>The index state kept beside the versions (<c>prefix-meta</c>, one document): which store state the index reflects.</summary>
internal sealed class EsState
{
    [JsonPropertyName("fingerprint")]
    public string? Fingerprint { get; set; }

    [JsonPropertyName("index")]
    public string? Index { get; set; }
}
