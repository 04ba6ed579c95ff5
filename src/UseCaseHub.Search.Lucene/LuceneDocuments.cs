using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Search.Lucene;

/// <summary>A <see cref="SearchDocument"/> as Lucene fields. Only the tags are stored (for more-like-this); the result line and the body are doc values.</summary>
internal static class LuceneDocuments
{
    public static Document From(SearchDocument source, LuceneAnalyzers analyzers)
    {
        var language = LuceneAnalyzers.LanguageOf(source.Language);
        var tags = string.Join(" · ", source.Labels.Select(l => l.Label).Distinct(StringComparer.Ordinal));
        var document = new Document
        {
            new StringField(LuceneFields.Id, Key(source.Id), Field.Store.NO),
            HitRecord.From(source, language),
            new StringField(LuceneFields.Status, source.Status.ToLowerInvariant(), Field.Store.NO),
            new StoredField(LuceneFields.Tags, tags),
            HitRecord.BodyFrom(source),
            new TextField(LuceneFields.Words, source.Title + "\n" + source.Summary + "\n" + tags, Field.Store.NO),
            new SortedDocValuesField(LuceneFields.TitleSort, new BytesRef(source.Title.ToLowerInvariant())),
            new NumericDocValuesField(LuceneFields.Date, (source.PublishedAt ?? source.UpdatedAt).UtcTicks),
        };
        var analyzer = analyzers.For(language);
        var parts = Parts(source.Title, source.Summary, tags, source.Body).Select(p => (analyzer, p)).ToList();
        parts.AddRange(LocalizedTags(source, analyzers));
        document.Add(new Field(LuceneFields.Text, new TextParts(parts), TextType));
        document.Add(new Field(LuceneFields.Title, new TextParts([(analyzer, source.Title)]), DocumentsOnly));
        document.Add(new Field(LuceneFields.Exact, source.Title + "\n" + source.Summary + "\n" + source.Body, DocumentsOnly));
        document.Add(new StringField(LuceneFields.Language, language, Field.Store.NO));

        if (source.TranslationOf is { } original)
        {
            document.Add(new StringField(LuceneFields.TranslationOf, Key(original), Field.Store.NO));
        }

        foreach (var reader in source.HiddenFor.Distinct(StringComparer.Ordinal))
        {
            document.Add(new StringField(LuceneFields.HiddenFor, reader, Field.Store.NO));
        }

        if (source.Organization is { } organization)
        {
            document.Add(new StringField(LuceneFields.Organization, Key(organization), Field.Store.NO));
        }

        foreach (var (facet, values) in source.Tags)
        {
            foreach (var value in values.Distinct(StringComparer.Ordinal))
            {
                document.Add(new StringField(facet, value, Field.Store.NO));
                document.Add(new SortedSetDocValuesField(LuceneFields.FacetValues, new BytesRef(facet + LuceneFields.Separator + value)));
            }
        }

        foreach (var parent in source.Parents.Distinct())
        {
            document.Add(new StringField(LuceneFields.Parents, string.Join(LuceneFields.Separator, parent.Facet, parent.Value, parent.ParentValue), Field.Store.NO));
        }

        foreach (var label in source.Labels.Distinct())
        {
            document.Add(new StringField(LuceneFields.Labels,
                string.Join(LuceneFields.Separator, label.Label.ToLowerInvariant(), label.Label, label.Facet, label.Value), Field.Store.NO));
        }

        return document;
    }

    /// <summary>
    /// The text field's values in order. The summary and the body come first, once each, so that a snippet knows from
    /// the summary's and the body's lengths alone (both in the hit record) which stored offsets fall in them; then the
    /// repetitions that make the boost (title 4 times, summary 3 in all, tags 2). Order changes positions only, never scores.
    /// </summary>
    public static List<string> Parts(string title, string summary, string tags, string body)
    {
        var parts = new List<string> { summary, body };
        parts.AddRange(Enumerable.Repeat(title, LuceneFields.TitleRepeats));
        parts.AddRange(Enumerable.Repeat(summary, LuceneFields.SummaryRepeats - 1));
        parts.AddRange(Enumerable.Repeat(tags, LuceneFields.TagsRepeats));
        return parts;
    }

    /// <summary>
    /// The tags' names in the other UN languages, each language's names analysed as that language (a French reader's
    /// <c>eau</c> is French analysis), repeated as the English tags are: they weigh as tags, less than title and summary.
    /// They come after every other value, so snippets (summary and body) never reach them.
    /// </summary>
    private static IEnumerable<(Analyzer, string)> LocalizedTags(SearchDocument source, LuceneAnalyzers analyzers)
    {
        foreach (var group in source.LocalizedLabels.GroupBy(l => LuceneAnalyzers.LanguageOf(l.Language)))
        {
            var text = string.Join(" · ", group.Select(l => l.Label).Distinct(StringComparer.Ordinal));
            var analyzer = analyzers.For(group.Key);
            for (var i = 0; i < LuceneFields.TagsRepeats; i++)
            {
                yield return (analyzer, text);
            }
        }
    }

    /// <summary>Which documents have a term, nothing more (no frequencies, positions or norms): for the ranking tiers.</summary>
    private static readonly FieldType DocumentsOnly = Frozen(new FieldType(TextField.TYPE_NOT_STORED) { IndexOptions = IndexOptions.DOCS_ONLY, OmitNorms = true });

    /// <summary>Analysed text with positions and offsets in the postings (offsets make snippets; no term vectors needed).</summary>
    private static readonly FieldType TextType = Frozen(new FieldType(TextField.TYPE_NOT_STORED) { IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS });

    private static FieldType Frozen(FieldType type)
    {
        type.Freeze();
        return type;
    }

    public static string Key(Guid id) => id.ToString("N");
}
