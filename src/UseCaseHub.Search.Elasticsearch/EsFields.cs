namespace UseCaseHub.Search.Elasticsearch;

/// <summary>The index's field names and the per-language analysis.</summary>
internal static class EsFields
{
    public const string Id = "id";
    public const string Pid = "pid";
    public const string Type = "type";
    public const string Slug = "slug";
    public const string Title = "title";
    public const string Summary = "summary";
    public const string Language = "lang";
    public const string Status = "status";
    public const string Organization = "org";
    public const string TranslationOf = "of";
    public const string HiddenFor = "hide_for";
    public const string Date = "date";
    public const string TitleSort = "title_sort";
    public const string FacetsObject = "facets";
    public const string TreeObject = "tree";
    public const string Labels = "labels";
    public const string TextsObject = "texts";
    public const string Words = "words";
    public const string TitleSuggest = "title_suggest";

    public const string TitleSection = "title";
    public const string SummarySection = "summary";
    public const string TagsSection = "tags";
    public const string BodySection = "body";

    /// <summary>Title &gt; summary &gt; tags &gt; body, the weights the Lucene engine gives by repetition (4, 3, 2, 1).</summary>
    public static IReadOnlyList<(string Section, int Boost)> Sections { get; } =
        [(TitleSection, 4), (SummarySection, 3), (TagsSection, 2), (BodySection, 1)];

    /// <summary>The six UN languages and <c>xx</c> (any other: the standard analyzer).</summary>
    public static IReadOnlyList<string> TextLanguages { get; } = ["en", "fr", "es", "ar", "ru", "zh", "xx"];

    public static string TextLanguage(string? language)
    {
        var primary = (language ?? "").Split('-', '_')[0].ToLowerInvariant();
        return TextLanguages.Contains(primary) ? primary : "xx";
    }

    /// <summary>Elasticsearch's built-in analyzer for a language; Chinese as configured (<c>smartcn</c> plugin or built-in <c>cjk</c>).</summary>
    public static string Analyzer(string language, string chinese) => language switch
    {
        "en" => "english",
        "fr" => "french",
        "es" => "spanish",
        "ar" => "arabic",
        "ru" => "russian",
        "zh" => chinese,
        _ => "standard",
    };

    public static string Section(string section, string language) => $"{section}_{language}";

    public static string Text(string section, string language) => $"{TextsObject}.{Section(section, language)}";

    public static string Facet(string facet) => $"{FacetsObject}.{facet}";

    public static string Tree(string facet) => $"{TreeObject}.{facet}";

    /// <summary>Every language's field of each section, boosted as above (<c>texts.title_*^4</c>).</summary>
    public static string[] Searched { get; } = Sections.Select(s => s.Boost == 1 ? $"{TextsObject}.{s.Section}_*" : $"{TextsObject}.{s.Section}_*^{s.Boost}").ToArray();

    /// <summary>Every text field by name (more-like-this takes no wildcards).</summary>
    public static string[] AllText { get; } = Sections.SelectMany(s => TextLanguages.Select(l => Text(s.Section, l))).ToArray();
}
