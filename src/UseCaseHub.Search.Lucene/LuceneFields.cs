namespace UseCaseHub.Search.Lucene;

/// <summary>The index's field names. Facet keys are fields too (exact-match StringFields, one per value).</summary>
internal static class LuceneFields
{
    public const string Id = "id";
    public const string Pid = "pid";
    public const string Type = "type";
    public const string Slug = "slug";
    public const string Status = "status";
    public const string Organization = "org";
    public const string Language = "lang";

    /// <summary>Stored originals of the text, for snippets and more-like-this.</summary>
    public const string Title = "title";
    public const string Summary = "summary";
    public const string Tags = "tags";
    public const string Body = "body";

    /// <summary>Sort keys (doc values).</summary>
    public const string TitleSort = "title_sort";
    public const string Date = "date";

    /// <summary>All facet values of a document in one sorted-set doc values field, as <c>facet␟value</c>.</summary>
    public const string FacetValues = "_facets";

    /// <summary>Hierarchy links as terms <c>facet␟value␟parent</c>, read once per reader.</summary>
    public const string Parents = "_parents";

    /// <summary>Tag names as terms <c>lowercase␟Label␟facet␟value</c>, scanned by prefix for suggestions.</summary>
    public const string Labels = "_labels";

    /// <summary>Lower-cased unstemmed words of title, summary and tags: title suggestions and "did you mean".</summary>
    public const string Words = "_words";

    public const char Separator = '\u241F';

    /// <summary>Analysed text fields are per language: <c>title.fr</c> is analysed in French.</summary>
    public static string Text(string field, string language) => field + "." + language;

    /// <summary>Query-time boosts: title &gt; summary &gt; tags &gt; body.</summary>
    public static readonly (string Field, float Boost)[] Searched = [(Title, 4f), (Summary, 2f), (Tags, 1.5f), (Body, 1f)];
}
