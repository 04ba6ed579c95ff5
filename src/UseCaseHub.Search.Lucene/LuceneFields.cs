namespace UseCaseHub.Search.Lucene;

/// <summary>The index's field names. Facet keys are fields too (exact-match StringFields, one per value).</summary>
internal static class LuceneFields
{
    public const string Id = "id";
    public const string Status = "status";
    public const string Organization = "org";

    /// <summary>The language whose analysis an entry's text had (<c>en</c>, ..., <c>zh</c>, <c>xx</c> for others).</summary>
    public const string Language = "lang";

    /// <summary>The tags' names, stored for more-like-this (title and summary are in the hit record).</summary>
    public const string Tags = "tags";

    /// <summary>The body as written (a binary doc value: see <see cref="HitRecord.BodyFrom"/>), for snippets and more-like-this.</summary>
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

    /// <summary>On a translation's document: the key of the entry it translates (deleting the entry deletes it).</summary>
    public const string TranslationOf = "of";

    /// <summary>Reader keys a document is hidden from (one version per entry in results; see TranslationRules.HiddenFor).</summary>
    public const string HiddenFor = "hide_for";
    /// <summary>
    /// The words of title, summary and body as written (lower-cased, accents folded, not stemmed; tags left out), documents
    /// only: which entries have the query's own words, not just their stems (see <see cref="RankingQuery"/>).
    /// </summary>
    public const string Exact = "_exact";

    /// <summary>The title in the entry's language analysis, documents only: which entries have every query word in their title.</summary>
    public const string Title = "_title";

    public const char Separator = '\u241F';

    /// <summary>
    /// The analysed text of every entry, each in its own language's analysis (see <see cref="TextParts"/>): title,
    /// summary, tags and body as separate values, the first three repeated. Repetition is the boost (a word in the
    /// title counts four times, in the body once: title &gt; summary &gt; tags &gt; body), so that a query word is one
    /// term lookup and one postings list, not one per field.
    /// </summary>
    public const string Text = "text";

    public const int TitleRepeats = 4;
    public const int SummaryRepeats = 3;
    public const int TagsRepeats = 2;

    /// <summary>Positions between two values of the text: a phrase never runs from one value into the next.</summary>
    public const int ValueGap = 100;
}
