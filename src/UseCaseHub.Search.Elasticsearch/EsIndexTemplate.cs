using Elastic.Clients.Elasticsearch.Analysis;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Clients.Elasticsearch.Mapping;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Search.Elasticsearch;

/// <summary>
/// The index template every version index (<c>prefix-2…</c>) is created from: explicit mappings (<c>dynamic: strict</c>,
/// so a field typo fails loudly instead of mapping itself), keyword facets, per-language text with the built-in language
/// analyzers, a search-as-you-type title for suggestions and an unstemmed words field for "did you mean".
/// </summary>
internal static class EsIndexTemplate
{
    public const string WordsAnalyzer = "hub_words";

    public static PutIndexTemplateRequest Create(string prefix, string chineseAnalyzer) => new(prefix)
    {
        // Versions are timestamps: the pattern leaves the state index (prefix-meta) alone.
        IndexPatterns = new[] { $"{prefix}-2*" },
        Priority = 100,
        Meta = new Dictionary<string, object> { ["managed_by"] = "UseCaseHub", ["schema"] = 1 },
        Template = new IndexTemplateMapping
        {
            Settings = new IndexSettings
            {
                NumberOfShards = 1,
                // Auto-expanding replicas: none on a single node, one copy elsewhere as soon as a second node joins.
                AutoExpandReplicas = "0-1",
                MaxResultWindow = Core.Search.SearchRequest.MaxResultWindow,
                Analysis = new IndexSettingsAnalysis
                {
                    Analyzers = new Analyzers
                    {
                        { WordsAnalyzer, new CustomAnalyzer { Tokenizer = "standard", Filter = ["lowercase", "asciifolding"] } },
                    },
                },
            },
            Mappings = Mappings(chineseAnalyzer),
        },
    };

    public static TypeMapping Mappings(string chineseAnalyzer)
    {
        var properties = new Properties
        {
            { EsFields.Id, new KeywordProperty() },
            { EsFields.Pid, new KeywordProperty() },
            { EsFields.Type, new KeywordProperty() },
            { EsFields.Slug, new KeywordProperty { Index = false, DocValues = false } },
            { EsFields.Title, new TextProperty { Index = false } },
            { EsFields.Summary, new TextProperty { Index = false } },
            { EsFields.Language, new KeywordProperty() },
            { EsFields.Status, new KeywordProperty() },
            { EsFields.Organization, new KeywordProperty() },
            { EsFields.TranslationOf, new KeywordProperty() },
            { EsFields.HiddenFor, new KeywordProperty() },
            { EsFields.Date, new LongNumberProperty() },
            { EsFields.TitleSort, new KeywordProperty { Index = false } },
            { EsFields.Labels, new KeywordProperty() },
            { EsFields.Words, new TextProperty { Analyzer = WordsAnalyzer } },
            { EsFields.TitleSuggest, new SearchAsYouTypeProperty { Analyzer = WordsAnalyzer } },
            { EsFields.FacetsObject, new ObjectProperty { Dynamic = DynamicMapping.Strict, Properties = Keywords(Facets.All) } },
            { EsFields.TreeObject, new ObjectProperty { Dynamic = DynamicMapping.Strict, Properties = Keywords(Facets.ParentOf.Keys) } },
            { EsFields.TextsObject, new ObjectProperty { Dynamic = DynamicMapping.Strict, Properties = Texts(chineseAnalyzer) } },
        };
        return new TypeMapping { Dynamic = DynamicMapping.Strict, Properties = properties };
    }

    private static Properties Keywords(IEnumerable<string> names)
    {
        var properties = new Properties();
        foreach (var name in names)
        {
            properties.Add(name, new KeywordProperty());
        }

        return properties;
    }

    private static Properties Texts(string chineseAnalyzer)
    {
        var properties = new Properties();
        foreach (var (section, _) in EsFields.Sections)
        {
            foreach (var language in EsFields.TextLanguages)
            {
                // Offsets in the postings: the unified highlighter marks hits without re-analysing the text.
                properties.Add(EsFields.Section(section, language), new TextProperty
                {
                    Analyzer = EsFields.Analyzer(language, chineseAnalyzer),
                    IndexOptions = section is EsFields.SummarySection or EsFields.BodySection ? IndexOptions.Offsets : null,
                });
            }
        }

        return properties;
    }
}
