using Lucene.Net.Documents;
using Lucene.Net.Util;
using UseCaseHub.Core.Search;

namespace UseCaseHub.Search.Lucene;

/// <summary>A <see cref="SearchDocument"/> as Lucene fields. Only the tags and the body are stored (for snippets and more-like-this); the result line is a doc value.</summary>
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
            new StoredField(LuceneFields.Body, source.Body),
            new TextField(LuceneFields.Words, source.Title + "\n" + source.Summary + "\n" + tags, Field.Store.NO),
            new SortedDocValuesField(LuceneFields.TitleSort, new BytesRef(source.Title.ToLowerInvariant())),
            new NumericDocValuesField(LuceneFields.Date, (source.PublishedAt ?? source.UpdatedAt).UtcTicks),
        };
        var parts = new List<string>();
        foreach (var (value, repeats) in new[] { (source.Title, LuceneFields.TitleRepeats), (source.Summary, LuceneFields.SummaryRepeats), (tags, LuceneFields.TagsRepeats), (source.Body, 1) })
        {
            parts.AddRange(Enumerable.Repeat(value, repeats));
        }

        document.Add(new TextField(LuceneFields.Text, new TextParts(analyzers.For(language), parts)));
        document.Add(new StringField(LuceneFields.Language, language, Field.Store.NO));

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

    public static string Key(Guid id) => id.ToString("N");
}
